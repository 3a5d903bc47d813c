/**
 * Work a process starts after it has answered (an alert stored and sent, a
 * kiosk's last contact written): kept track of, so a shutdown or a test that
 * empties the database can wait for it instead of racing it.
 *
 * @example
 *   deps.background.run('Raising an alert', () => raise(alert));
 *   await deps.background.settled();
 */
import type { Logger } from './logger.js';

export type BackgroundWork = {
  /** Runs `work` now; a failure is logged under `what`, never thrown. */
  run(what: string, work: () => Promise<unknown>, details?: Record<string, unknown>): void;
  /** Resolves once everything started so far, and anything it started, has ended. */
  settled(): Promise<void>;
};

export function createBackgroundWork(logger: Logger): BackgroundWork {
  const running = new Set<Promise<void>>();
  return {
    run(what, work, details = {}) {
      // Not before the next turn of the event loop: the reply (a kiosk's ack) that led to this work
      // is written first. Started at once, the work's first query ran ahead of it on the embedded
      // database, which executes a query on this thread.
      const task: Promise<void> = new Promise((resolve) => setImmediate(resolve))
        .then(work)
        .then(
          () => {},
          (error) => logger.error(`${what} failed`, { ...details, error: String(error) }),
        )
        .finally(() => running.delete(task));
      running.add(task);
    },
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
