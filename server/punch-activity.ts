/**
 * Whether punches are being recorded right now, so that work which can wait
 * (the face check's analysis) waits for a lull instead of sharing the CPU
 * and the embedded database with a kiosk that is waiting for its ack. On a
 * busy morning the lull is the gap between two people; during a burst at
 * shift change the wait is bounded, so the check is late, never lost.
 *
 * @example
 *   const record = await deps.punches.during(() => storePunch(...));
 *   await deps.punches.lull(); // in the face check, before each photo
 */
export type PunchActivity = {
  /** Runs `work` (one punch being recorded) and marks it as in flight meanwhile. */
  during<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once no punch has been in flight for `quietMs`, or after `maxWaitMs` whatever happens. */
  lull(options?: { quietMs?: number; maxWaitMs?: number }): Promise<void>;
};

/** Longer than the gap between one capture's ack and the next person's PIN at a busy kiosk. */
const defaultQuietMs = 300;
const defaultMaxWaitMs = 10_000;

export function createPunchActivity(): PunchActivity {
  let inFlight = 0;
  let lastEnded = Number.NEGATIVE_INFINITY;
  return {
    async during(work) {
      inFlight += 1;
      try {
        return await work();
      } finally {
        inFlight -= 1;
        lastEnded = performance.now();
      }
    },
    async lull({ quietMs = defaultQuietMs, maxWaitMs = defaultMaxWaitMs } = {}) {
      const giveUpAt = performance.now() + maxWaitMs;
      for (;;) {
        const now = performance.now();
        const quietFor = inFlight > 0 ? 0 : now - lastEnded;
        if (quietFor >= quietMs || now >= giveUpAt) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(quietMs - quietFor, giveUpAt - now)));
      }
    },
  };
}
