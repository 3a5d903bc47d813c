/**
 * Keeps `DATA_DIR` private to the server's user: the database files and WAL
 * hold password hashes, `secret.key` the key behind every token and PIN, and
 * `photos/` people's faces. The process umask makes what Node creates
 * private; installs made before it was set are narrowed once at start. PGlite
 * ignores the umask (its WebAssembly file system applies its own, 022, and
 * then chmods each new file: initdb's files come out 0666), so its folder is
 * narrowed again after it opens and after it closes (storage/database.ts).
 *
 * @example
 *   usePrivateUmask();                         // before anything creates a file
 *   const fixed = makeFolderPrivate('./data'); // after taking the data-folder lock
 */
import { chmodSync, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const privateFolderMode = 0o700;
export const privateFileMode = 0o600;

/** From now on every file and folder this process creates is private to its user (0600, 0700), whatever mode the creator asked for. */
export function usePrivateUmask(): void {
  process.umask(0o077);
}

/**
 * Narrows every folder under `folder` (and itself) that others can use to
 * 0700 and every such file to 0600; returns how many it changed. Symbolic
 * links are neither changed nor followed: `chmod` would act on their target,
 * which may be outside the folder.
 */
export function makeFolderPrivate(folder: string): number {
  let fixed = 0;
  const visit = (entry: string, isRoot: boolean) => {
    let stats;
    try {
      // The folder itself may be a link the operator made on purpose; below it, links are left alone.
      stats = isRoot ? statSync(entry) : lstatSync(entry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const wanted = stats.isDirectory() ? privateFolderMode : stats.isFile() ? privateFileMode : undefined;
    if (wanted === undefined) return;
    if ((stats.mode & 0o077) !== 0) {
      try {
        chmodSync(entry, wanted);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(`Cannot make ${entry} private to this user (${code}). Give ${folder} and everything in it to the user that runs Rollcall.`);
      }
      fixed++;
    }
    if (stats.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name), false);
  };
  visit(folder, true);
  return fixed;
}
