/**
 * An exclusive lock on `DATA_DIR`. PGlite takes no lock of its own, and two
 * processes writing one PGlite directory corrupt it, so the server refuses to
 * start while another live process holds the lock.
 */
import { openSync, closeSync, writeSync, readFileSync, unlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type DataDirLock = { release(): void };

export type LockResult = { ok: true; lock: DataDirLock } | { ok: false; heldByPid: number };

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): LockResult {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'rollcall.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        ok: true,
        lock: {
          release() {
            try {
              if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
            } catch {
              // Already gone: nothing to release.
            }
          },
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        return { ok: false, heldByPid: holder };
      }
      // The holder died without releasing it (SIGKILL, power loss): the lock is stale.
      unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not lock ${dataDir}.`);
}
