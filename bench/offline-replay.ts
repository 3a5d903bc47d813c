/**
 * The replay of punches a kiosk saved during an outage: 200 sealed punches
 * (as kiosk/offline-sealing.js seals them, 1280×720 JPEG frames, each for
 * its own staff member) sent the way the kiosk sends them once it is back:
 * one at a time, oldest first, each after the previous one's ack. Against a
 * real server process (embedded PGlite, the real clock).
 *
 *   node --import tsx bench/offline-replay.ts      (BENCH_COUNT=50 for a quick look)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { sealPunch, type SealedPunch } from '../kiosk/offline-sealing.js';
import { deriveSecrets } from '../server/secrets.js';
import { openDatabase } from '../storage/database.js';
import { spawnServer } from '../tests/helpers/server-process.js';
import { distinctFrames } from './frames.js';
import { seedCheckInSite } from './seed.js';
import { median, ms, percentile } from './stats.js';

const count = Number(process.env.BENCH_COUNT ?? 200);
console.log(`${availableParallelism()} cores, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

const secretKey = randomBytes(32).toString('hex');
const secrets = deriveSecrets(secretKey);
const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-'));
const token = randomBytes(32).toString('base64url');
await seedCheckInSite(await openDatabase({ databaseUrl: undefined, pgliteDir: path.join(dataDir, 'db') }), { count, pinPepper: secrets.pinPepper, kioskTokens: [token] });
const frames = await distinctFrames(count);

const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: undefined, SECRET_KEY: secretKey, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn' });
/** Connects the kiosk; resolves with the socket and the key it is sent on connect. */
const connect = () =>
  new Promise<{ socket: Socket; publicKey: string }>((resolve, reject) => {
    const socket = io(`${server.url}/kiosk`, { transports: ['websocket'], forceNew: true, auth: { token } });
    socket.once('kiosk:key', ({ publicKey }: { publicKey: string }) => resolve({ socket, publicKey }));
    socket.once('connect_error', reject);
  });
try {
  // The kiosk was online, then the outage: it seals each punch as it is taken.
  const before = await connect();
  before.socket.close();
  const sealStarted = performance.now();
  const queue: SealedPunch[] = [];
  for (let n = 0; n < count; n++) queue.push(await sealPunch(before.publicKey, { pin: String(100000 + n), takenAt: new Date().toISOString(), requestId: `replay-${n}` }, frames[n]!));
  const sealMs = (performance.now() - sealStarted) / count;
  const sizes = queue.map((punch) => punch.key.byteLength + punch.iv.byteLength + punch.data.byteLength);
  const frameSizes = frames.map((frame) => frame.byteLength);

  // Back: from the reconnect to the last ack.
  const started = performance.now();
  const { socket } = await connect();
  const acks: number[] = [];
  for (const punch of queue) {
    const sent = performance.now();
    const reply = await socket.timeout(30_000).emitWithAck('capture_offline', { ...punch, sentAt: new Date().toISOString() });
    if (!reply.ok) throw new Error(`capture_offline: ${JSON.stringify(reply.error)}`);
    acks.push(performance.now() - sent);
  }
  const totalMs = performance.now() - started;
  socket.close();

  console.log(`\n${count} punches saved offline, 1280×720 JPEG frames of ${(median(frameSizes) / 1024).toFixed(1)} KB (median)`);
  console.log(`sealing on the kiosk (WebCrypto in Node): ${ms(sealMs)} a punch`);
  console.log(`payload a punch: ${(median(sizes) / 1024).toFixed(1)} KB median (${sizes[0]! - frames[0]!.byteLength} bytes more than its frame: key, IV, tag, PIN, time, request id)`);
  console.log(`replay: all ${count} acknowledged ${ms(totalMs)} after reconnecting (${(count / (totalMs / 1000)).toFixed(1)} punches/s); ack p50 ${ms(median(acks))}, p99 ${ms(percentile(acks, 99))}`);
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
