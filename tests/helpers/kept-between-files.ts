/**
 * What a test file may leave to the next file run in the same process: a
 * database and a Chromium cost about 2 s of CPU to start, more than many
 * files take to run. `tests/run.mjs` runs files one after another in a few
 * long-lived processes (`tests/file-worker.mjs`, which sets
 * `ROLLCALL_TEST_WORKER=1`); there, `acquire` hands the next file what the
 * last one released, tidied. A file run on its own
 * (`node --import tsx tests/api/roster.test.ts`) opens and closes its own, as
 * before.
 *
 * A file still starts from a clean state: the database is emptied before
 * every test anyway, and each file starts its own Rollcall server on it.
 *
 * @example
 *   const browsers = keptBetweenFiles('chromium', launch, (browser) => browser.close(), closeContexts);
 *   const browser = await browsers.acquire();
 *   ...
 *   await browsers.release(browser); // closes it, or tidies it for the next file
 */

/** True in a `tests/file-worker.mjs` process. */
export const sharingProcess = process.env.ROLLCALL_TEST_WORKER === '1';

export type Kept<T> = {
  acquire(): Promise<T>;
  /** Done with it: closed when the file runs alone, tidied and kept in a worker. */
  release(value: T): Promise<void>;
};

const closers: (() => Promise<void>)[] = [];

export function keptBetweenFiles<T>(
  name: string,
  open: () => Promise<T>,
  close: (value: T) => Promise<void>,
  tidy: (value: T) => Promise<void> = async () => {},
): Kept<T> {
  if (!sharingProcess) return { acquire: open, release: close };
  let opened: Promise<T> | undefined;
  let closer: (() => Promise<void>) | undefined;
  const forget = () => {
    if (closer) closers.splice(closers.indexOf(closer), 1);
    opened = undefined;
    closer = undefined;
  };
  return {
    acquire() {
      if (!opened) {
        const first = open();
        opened = first;
        closer = async () => close(await first);
        closers.push(closer);
        // A failed open is not kept: the next file tries again.
        first.catch(forget);
      }
      return opened;
    },
    async release(value) {
      try {
        await tidy(value);
      } catch (error) {
        // Not fit for the next file (a crashed browser, a closed database): it opens a new one.
        console.error(`The kept ${name} could not be tidied, so it is closed:`, error);
        forget();
        await close(value).catch(() => {});
      }
    },
  };
}

/** Closes everything kept; the worker calls it before it exits. */
export async function closeKept(): Promise<void> {
  const results = await Promise.allSettled(closers.splice(0).map((closer) => closer()));
  for (const result of results) if (result.status === 'rejected') console.error('Closing what test files kept:', result.reason);
}
