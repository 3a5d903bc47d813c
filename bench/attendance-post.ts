/**
 * The original API's check-in path: `POST /api/attendance/` with a 1280×720
 * JPEG as base64, against a real server process, next to sharp alone on the
 * same frame in the same run. Also the stored photo's size.
 *
 *   npm run bench            (200 requests; BENCH_REQUESTS=50 for a quick look)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { processPhoto } from '../storage/photo-processing.js';
import { createClient } from '../tests/helpers/http.js';
import { makeFrame, registerAndSignIn, toBase64 } from '../tests/helpers/fixtures.js';
import { spawnServer } from '../tests/helpers/server-process.js';
import { median, ms, percentile } from './stats.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const frame = await makeFrame(1280, 720, 'jpeg');
console.log(`frame: 1280×720 JPEG, ${(frame.byteLength / 1024).toFixed(1)} KB (${(toBase64(frame).length / 1024).toFixed(1)} KB as base64)`);

// sharp alone: the floor for any check-in path.
for (let i = 0; i < 5; i++) await processPhoto(frame);
const sharpTimes: number[] = [];
for (let i = 0; i < requests; i++) {
  const started = performance.now();
  const result = await processPhoto(frame);
  sharpTimes.push(performance.now() - started);
  if (!result.ok) throw new Error(result.message);
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-'));
const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: undefined, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn' });
try {
  const client = createClient(server.url);
  const manager = await registerAndSignIn(client, 'bench_manager', 'Manager');
  // Each staff member can check in once per window, so every request needs its own person
  // with a shift starting now (a repeat would skip the photo work and flatter the figure).
  const now = DateTime.utc();
  const today = now.weekday;
  const offDay = today === 7 ? 'Monday' : 'Sunday';
  const start = now.toFormat('HH:mm');
  const end = now.plus({ hours: 8 }).toFormat('HH:mm');
  const dayName = now.toFormat('cccc');
  const staff: { token: string; staffId: number }[] = [];
  for (let i = 0; i < requests + 5; i++) {
    const account = await registerAndSignIn(client, `bench_staff_${i}`, 'Employee', manager.token);
    const profile = await client.post('/api/staff/', { user: account.id, weekly_off_days: offDay }, { token: manager.token });
    await client.post('/api/shifts/', { staff: profile.body.id, day_of_week: dayName, shift_start: start, shift_end: end }, { token: manager.token });
    staff.push({ token: account.token, staffId: profile.body.id });
  }
  const body = (staffId: number) => JSON.stringify({ staff: staffId, captured_image: toBase64(frame) });

  for (const warm of staff.slice(0, 5)) await client.post('/api/attendance/', body(warm.staffId), { token: warm.token });
  const times: number[] = [];
  let photoUrl = '';
  for (const member of staff.slice(5)) {
    const payload = body(member.staffId);
    const started = performance.now();
    const reply = await client.post('/api/attendance/', payload, { token: member.token });
    times.push(performance.now() - started);
    if (reply.status !== 201) throw new Error(`check-in failed: ${reply.status} ${reply.text}`);
    photoUrl = reply.body.captured_image;
  }
  const photo = await fetch(`${server.url}${photoUrl}`, { headers: { Authorization: `Bearer ${manager.token}` } });
  const stored = (await photo.arrayBuffer()).byteLength;

  console.log(`\nsharp alone (same frame → ≤640 px WebP q75), ${requests} runs: median ${ms(median(sharpTimes))}, p99 ${ms(percentile(sharpTimes, 99))}`);
  console.log(`POST /api/attendance/ (base64 JSON), ${requests} requests: median ${ms(median(times))}, p99 ${ms(percentile(times, 99))}`);
  console.log(`ratio to sharp alone: median ${(median(times) / median(sharpTimes)).toFixed(2)}×, p99 ${(percentile(times, 99) / percentile(sharpTimes, 99)).toFixed(2)}×`);
  console.log(`stored photo: ${(stored / 1024).toFixed(1)} KB (target ≤ 40 KB)`);
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
