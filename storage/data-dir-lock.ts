/**
 * An exclusive lock on `DATA_DIR`. PGlite takes no lock of its own, and two
 * processes writing one PGlite directory corrupt it, so the server refuses to
 * start while another live process holds the lock.
 *
 * The lock is `DATA_DIR/rollcall.lock`, holding `<pid> <start time> <nonce>`.
 * It is published whole with `link` (which fails if the name exists), so no
 * one ever reads half a lock. A lock whose process is gone (SIGKILL, power
 * loss) is stale; replacing it must not let two starters both win, as
 * "unlink it and create again" does (the slower one unlinks the faster one's
 * fresh lock). So only the holder of a takeover claim named after that exact
 * lock's contents may replace it, with `rename`, after checking it is still
 * that lock. The claim is taken by the same procedure, so a starter that dies
 * holding one leaves a stale claim, not a folder that can never be locked.
 *
 * @example
 *   const locked = acquireDataDirLock('./data');
 *   if (!locked.ok) throw new Error(`in use by pid ${locked.heldByPid}`);
 *   // … use the folder …
 *   locked.lock.release();
 */
import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type DataDirLock = { release(): void };

export type LockResult = { ok: true; lock: DataDirLock } | { ok: false; heldByPid: number };

type Claim = { ok: true } | { ok: false; heldByPid: number };

const lockName = 'rollcall.lock';
/** Each level is one more process that died mid-takeover: more than a few means something else is wrong. */
const maxClaimDepth = 6;

/** When the process started (clock ticks since boot, from Linux's /proc), so a reused pid is not taken for the holder. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) is in parentheses and may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const ownStart = startTimeOf(process.pid);

type Holder = { pid: number; start: string | undefined };

/** A lock's contents; older versions wrote the bare pid. */
function parseHolder(contents: string): Holder | undefined {
  const [pid, start] = contents.trim().split(' ');
  const parsed = Number(pid);
  if (!Number.isInteger(parsed) || parsed <= 0) return undefined;
  return { pid: parsed, start: start === '-' ? undefined : start };
}

function isLive(holder: Holder | undefined): boolean {
  if (!holder) return false;
  // Our own pid with no start time to tell us apart is an earlier process's lock (a container's pid 1 after a restart).
  if (holder.pid === process.pid) return holder.start !== undefined && holder.start === ownStart;
  if (!processExists(holder.pid)) return false;
  const start = holder.start === undefined ? undefined : startTimeOf(holder.pid);
  return start === undefined || start === holder.start;
}

function readContents(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes `contents` to a new file beside `file`, hands it to `publish`, and removes the temporary name. */
function withTemporary(file: string, contents: string, publish: (temporary: string) => void): void {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, contents, { mode: 0o600, flag: 'wx' });
  try {
    publish(temporary);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Renamed into place, so already gone.
    }
  }
}

function createExclusive(file: string, contents: string): boolean {
  let created = false;
  withTemporary(file, contents, (temporary) => {
    try {
      linkSync(temporary, file);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  });
  return created;
}

function releaseClaim(file: string, contents: string): void {
  try {
    if (readContents(file) === contents) unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
}

/** Makes `file` hold `contents` if it is absent or names a process that is gone; exactly one of several callers at once succeeds. */
function claim(file: string, contents: string, depth: number): Claim {
  if (depth > maxClaimDepth) throw new Error(`Could not lock ${file}: too many abandoned takeovers; remove the ${lockName}.* files by hand.`);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, contents)) return { ok: true };
    const current = readContents(file);
    // Released between the two steps: try again.
    if (current === undefined) continue;
    const holder = parseHolder(current);
    if (isLive(holder)) return { ok: false, heldByPid: holder!.pid };
    const takeover = `${file}.${createHash('sha256').update(current).digest('hex').slice(0, 16)}`;
    const right = claim(takeover, contents, depth + 1);
    if (!right.ok) {
      // A live starter holds the claim: if the lock is still the stale one, nobody else can replace it and that
      // starter will; if it has changed, the claimant came late and will lose, so look at who holds it now.
      if (readContents(file) === current) return right;
      continue;
    }
    try {
      // Nobody else can replace `current` while we hold its claim, and its dead holder cannot release it.
      if (readContents(file) === current) {
        withTemporary(file, contents, (temporary) => renameSync(temporary, file));
        return { ok: true };
      }
    } finally {
      releaseClaim(takeover, contents);
    }
  }
  throw new Error(`Could not lock ${file}: it keeps changing.`);
}

/** Claims and temporary files left by processes that died while starting; any claimant checks the lock again, so removing them is safe. */
function removeLeftovers(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith(`${lockName}.`)) continue;
    const file = path.join(dataDir, name);
    const contents = readContents(file);
    const holder = contents === undefined ? undefined : parseHolder(contents);
    // Unreadable contents may be a live starter's file caught between its create and its write.
    if (!holder || isLive(holder)) continue;
    try {
      unlinkSync(file);
    } catch {
      // Someone else removed it first.
    }
  }
}

export function acquireDataDirLock(dataDir: string): LockResult {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, lockName);
  const contents = `${process.pid} ${ownStart ?? '-'} ${randomBytes(8).toString('hex')}\n`;
  const claimed = claim(lockPath, contents, 0);
  if (!claimed.ok) return claimed;
  removeLeftovers(dataDir);
  return { ok: true, lock: { release: () => releaseClaim(lockPath, contents) } };
}
