/**
 * Password hashing with argon2id (OWASP's recommended parameters), one hash
 * at a time. Each takes about 20 MB and tens of milliseconds on a libuv
 * worker thread, the pool photo processing and file I/O also wait on: a
 * sign-in flood must not starve them. So hashing runs one at a time, with at
 * most `maxWaiting` waiting; past that the attempt is refused as busy. And
 * after a wrong password the next hash waits as long as that one took, so
 * wrong passwords, however many guessers send them, get at most half of one
 * core; everyone else's requests keep the rest.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { hash, verify } from '@node-rs/argon2';
import { domainError } from '../domain-error.js';

const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const maxWaiting = 32;

/** Too many hashes already wait: the caller is told to try again rather than queue forever (503 with Retry-After). */
const hashingBusy = () => domainError.busy('Rollcall is checking many passwords right now. Try again in a moment.');

let running: Promise<unknown> = Promise.resolve();
let waiting = 0;
/** When the rest after the last wrong password ends (performance.now() time). */
let restingUntil = 0;

async function afterRest<T>(work: () => Promise<T>): Promise<T> {
  const rest = restingUntil - performance.now();
  if (rest > 0) await sleep(rest);
  return work();
}

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (waiting >= maxWaiting) return Promise.reject(hashingBusy());
  waiting++;
  const start = () => afterRest(work);
  const result = running.then(start, start);
  running = result.then(
    () => undefined,
    () => undefined,
  );
  return result.finally(() => waiting--);
}

export function hashPassword(password: string): Promise<string> {
  return oneAtATime(() => hash(password, options));
}

export function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
  return oneAtATime(async () => {
    const started = performance.now();
    const matches = await verify(passwordHash, password).catch(() => false);
    const finished = performance.now();
    if (!matches) restingUntil = finished + (finished - started);
    return matches;
  });
}

/** A valid hash of nothing anyone knows: verifying against it keeps "no such user" as slow as "wrong password". */
let decoyHash: Promise<string> | undefined;
export function getDecoyHash(): Promise<string> {
  if (!decoyHash) {
    const made = hashPassword(`decoy-${Math.random()}`);
    decoyHash = made;
    // A busy refusal must not be remembered as the decoy.
    made.catch(() => decoyHash === made && (decoyHash = undefined));
  }
  return decoyHash;
}
