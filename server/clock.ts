/**
 * Where "now" comes from. The server uses the system clock; tests use a
 * settable one so window and lockout rules never depend on when they run.
 */
import { DateTime } from 'luxon';

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export type ManualClock = Clock & { set(instant: Date | string): void; advance(milliseconds: number): void };

/** The local date (YYYY-MM-DD) of an instant in `zone`. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant).setZone(zone).toISODate()!;
}

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
