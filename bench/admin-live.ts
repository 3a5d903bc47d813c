/**
 * The manager's Live page with 500 staff on today's roster, in Chromium:
 *
 *  - navigation → the board rendered (all 500 rows in the DOM), cold (new
 *    browser context, empty cache) and warm (same context, ETag revalidation);
 *  - 50 check-ins arriving within one second → all 50 shown, twice: as
 *    `attendanceRecorded` domain events (stored rows) emitted on the server's event bus
 *    (one every 20 ms, exactly as a capture announces itself, with a real
 *    stored photo), and as 50 real kiosk captures (identify + capture over
 *    `/kiosk`, photo processing included) sent at once;
 *  - first-load transfer of `/app` (compressed bytes on the wire, from CDP's
 *    `encodedDataLength`), split into static files and API calls, plus the
 *    Socket.IO snapshot frame.
 *
 *   node --import tsx bench/admin-live.ts          (BENCH_STAFF=500, BENCH_RUNS=5)
 */
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { attendance } from '../storage/schema.js';
import { hashPin } from '../server/staff/pin.js';
import { launchBrowser, planToday, weekdayNames, type Page } from '../tests/helpers/admin-browser.js';
import { createManager, makeFrame } from '../tests/helpers/fixtures.js';
import { createClient } from '../tests/helpers/http.js';
import { startTestServer } from '../tests/helpers/test-server.js';
import { seedShifts, seedStaff } from './seed.js';
import { median, ms } from './stats.js';

const staffCount = Number(process.env.BENCH_STAFF ?? 500);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const burst = 50;

const plan = planToday();
const server = await startTestServer({ now: plan.now.toISOString(), timezone: plan.timezone });
const browser = await launchBrowser();
try {
  const client = createClient(server.url);
  await createManager(client, 'bench_manager');
  const login = await client.post('/api/auth/login', { username: 'bench_manager', password: 'bench_manager-Passw0rd!' });
  const session = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('rollcall_session='))!;
  const [cookieName, cookieValue] = session.split('=') as [string, string];

  // Seeded with multi-row inserts (bench/seed.ts): the API path would spend minutes hashing passwords.
  const db = server.database.db;
  const today = weekdayNames.indexOf(plan.today.weekday) + 1;
  const dayOff = (today % 7) + 1;
  const pinOf = (i: number) => String(100000 + i);
  const staffRows = await seedStaff(db, staffCount, (i) => ({
    name: `Staff ${String(i).padStart(3, '0')}`,
    weeklyOffs: [dayOff],
    pinHmac: hashPin(server.deps.secrets.pinPepper, pinOf(i)),
  }));
  // Starts spread over the day; the check-in windows of the first 2 × 50 + 1 people are open now.
  const [startHour, startMinute] = plan.start.split(':').map(Number) as [number, number];
  const startOf = (i: number) => {
    const minutes = i <= 2 * burst ? startHour * 60 + startMinute - (i % 30) : 6 * 60 + ((i * 7) % (14 * 60));
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
  };
  const endOf = (start: string) => `${String((Number(start.slice(0, 2)) + 8) % 24).padStart(2, '0')}${start.slice(2)}`;
  const shiftRows = await seedShifts(db, staffRows.map((row, i) => ({ staffId: row.id, dayOfWeek: today, startTime: startOf(i), endTime: endOf(startOf(i)) })));

  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 768 } });
  await context.addCookies([{ name: cookieName, value: cookieValue, url: server.url }]);

  /** Navigates to /app/live and returns ms from navigation start to 500 rows in the DOM (page clock). */
  async function loadBoard(page: Page): Promise<number> {
    await page.goto('/app/live', { waitUntil: 'commit' });
    const handle = await page.waitForFunction((n) => (document.querySelectorAll('table.board tbody tr').length >= n ? performance.now() : false), staffCount, {
      timeout: 60_000,
      polling: 'raf',
    });
    return (await handle.jsonValue()) as number;
  }

  // Cold: a new context (empty cache) with nothing listening to the page, since this process also runs
  // the server and the transfer-size listeners below would slow both; several times, for the median.
  const colds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const fresh = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 768 } });
    await fresh.addCookies([{ name: cookieName, value: cookieValue, url: server.url }]);
    colds.push(await loadBoard(await fresh.newPage()));
    await fresh.close();
  }

  // First load in a new context, listened to: transfer sizes.
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const transfer = { staticBody: 0, staticHeaders: 0, staticDecoded: 0, apiBody: 0, apiHeaders: 0, requests: 0 };
  let snapshotBytes = 0;
  let firstLoad = true;
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    if (!firstLoad) return;
    pending.push(
      (async () => {
        const sizes = await request.sizes();
        const isApi = new URL(request.url()).pathname.startsWith('/api/');
        transfer.requests++;
        if (isApi) {
          transfer.apiBody += sizes.responseBodySize;
          transfer.apiHeaders += sizes.responseHeadersSize;
        } else {
          transfer.staticBody += sizes.responseBodySize;
          transfer.staticHeaders += sizes.responseHeadersSize;
        }
      })(),
    );
  });
  // Uncompressed sizes from CDP: the bytes Chromium had after decoding.
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.dataReceived', (e) => {
    const url = urls.get(e.requestId);
    if (firstLoad && url && !new URL(url).pathname.startsWith('/api/')) transfer.staticDecoded += e.dataLength;
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    if (firstLoad && e.response.payloadData.includes('"snapshot"')) snapshotBytes = Math.max(snapshotBytes, e.response.payloadData.length);
  });
  const firstListened = await loadBoard(page);
  // Whatever the page still fetches once the board is up (lazy photo thumbnails: none yet) belongs to the first load too.
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  firstLoad = false;
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(await loadBoard(page));

  // 50 check-ins as domain events, one every 20 ms, each a stored row with a real stored photo.
  const kiosk = await pairKiosk();
  const frames = await Promise.all(Array.from({ length: burst * 2 + 1 }, (_, i) => makeFrame(640 + 2 * i, 480)));
  // One real check-in (person 100) gives the events a photo the page can load.
  const { photoUrl } = await capture(kiosk, pinOf(2 * burst), frames[2 * burst]!);
  await loadBoard(page);
  // Written as source text: tsx would wrap named inner functions in a helper the page does not have.
  const shownAfter = (count: number) =>
    page.evaluate(`new Promise((resolve) => {
      const stamped = () => document.querySelectorAll('table.board tbody tr td:nth-child(4) .stamp').length;
      const base = stamped();
      const observer = new MutationObserver(() => {
        if (stamped() - base >= ${count}) {
          observer.disconnect();
          resolve(Date.now());
        }
      });
      observer.observe(document.querySelector('table.board tbody'), { childList: true, subtree: true, characterData: true });
      window.benchReady = true;
    })`) as Promise<number>;
  const eventsShown = shownAfter(burst);
  await page.waitForFunction(() => (window as any).benchReady === true);
  const firstEmit = Date.now();
  for (let i = 0; i < burst; i++) {
    const at = new Date(plan.now.getTime() + i * 1000);
    // A real row, announced as the capture path does: the server adds names and the board row it changes.
    const [record] = await db
      .insert(attendance)
      .values({
        staffId: staffRows[i]!.id,
        shiftId: shiftRows[i]!.id,
        occurrenceDate: plan.today.date,
        kind: 'check_in',
        at,
        status: i % 5 === 0 ? 'late' : 'on_time',
        photoId: photoUrl.split('/').pop()!,
        kioskId: null,
        source: 'api',
        scheduledStart: at,
        scheduledEnd: new Date(at.getTime() + 8 * 3600_000),
      })
      .returning();
    server.deps.events.emit('attendanceRecorded', record!);
    // Paced against the start, so a slow tick does not stretch the second.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstEmit + ((i + 1) * 1000) / burst - Date.now())));
  }
  const lastEmit = Date.now();
  const eventsDone = await eventsShown;

  // 50 real captures for other people, all sent at once.
  await loadBoard(page);
  const capturesShown = shownAfter(burst);
  await page.waitForFunction(() => (window as any).benchReady === true);
  const firstCapture = Date.now();
  const acks = await Promise.all(Array.from({ length: burst }, (_, i) => capture(kiosk, pinOf(burst + i), frames[i]!)));
  const lastAck = Date.now();
  const capturesDone = await capturesShown;
  kiosk.close();
  if (acks.some((a) => !a)) throw new Error('a capture failed');

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`Live page, ${staffCount} staff on today's roster (${server.database.kind}, Chromium ${browser.version()}, ${plan.timezone})`);
  console.log(`navigation → board rendered (${staffCount} rows in the DOM): cold median ${ms(median(colds))} (${colds.map((t) => t.toFixed(0)).join(', ')} ms; ${ms(firstListened)} with the transfer sizes listened to), warm median ${ms(median(warm))} (${runs} runs: ${warm.map((t) => t.toFixed(0)).join(', ')} ms)`);
  console.log(`${burst} check-ins as server events over ${lastEmit - firstEmit} ms → all shown ${eventsDone - firstEmit} ms after the first (${eventsDone - lastEmit} ms after the last)`);
  console.log(`${burst} real kiosk captures sent at once → all acknowledged in ${lastAck - firstCapture} ms, all shown ${capturesDone - firstCapture} ms after sending`);
  const wire = transfer.staticBody + transfer.staticHeaders + transfer.apiBody + transfer.apiHeaders;
  console.log(
    `first load of /app/live, ${transfer.requests} requests, ${kb(wire)} on the wire: static files ${kb(transfer.staticBody)} compressed bodies ` +
      `(${kb(transfer.staticDecoded)} uncompressed) + ${kb(transfer.staticHeaders)} headers; API ${kb(transfer.apiBody)} + ${kb(transfer.apiHeaders)} headers; ` +
      `then the Socket.IO snapshot frame, ${kb(snapshotBytes)} uncompressed`,
  );

  async function pairKiosk() {
    const code = await client.post('/api/kiosks/pairing-codes', {}, { cookie: session });
    const paired = await client.post('/api/kiosks/pair', { code: code.body.code, name: 'Front desk' });
    const socket = io(`${server.url}/kiosk`, { transports: ['websocket'], forceNew: true, auth: { token: paired.body.token } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }

  async function capture(socket: ReturnType<typeof io>, pin: string, image: Buffer) {
    const identified = await socket.timeout(30_000).emitWithAck('identify', { pin });
    if (!identified.ok) throw new Error(`identify ${pin}: ${JSON.stringify(identified)}`);
    const captured = await socket.timeout(30_000).emitWithAck('capture', { attempt: identified.attempt, kind: 'check_in', image, requestId: randomUUID() });
    if (!captured.ok) throw new Error(`capture ${pin}: ${JSON.stringify(captured)}`);
    return captured.attendance as { photoUrl: string };
  }
} finally {
  await browser.close();
  await server.close();
}
