/**
 * Where "now" comes from. The server uses the system clock; tests use a
 * settable one so window and lockout rules never depend on when they run.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export type ManualClock = Clock & { set(instant: Date | string): void; advance(milliseconds: number): void };

export function createManualClock(start: Date | string): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant);
    },
    advance(milliseconds) {
      current = new Date(current.getTime() + milliseconds);
    },
  };
}
