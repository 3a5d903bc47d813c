/**
 * The kiosk in Chromium (fake webcam) while the server is down: two people
 * check in, both are told "Saved"; a reload still shows the PIN pad and the
 * two waiting; once the server is back both punches arrive in order as
 * `kiosk_offline`, live on a manager's board, and the queue empties. IndexedDB never holds a readable
 * PIN or photo. Organisation time zone UTC; Monday 23 November 2026 08:57,
 * asha and bo work 09:00–17:00.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { eventually } from '../helpers/assertions.js';
import { button, saveShot, until, type Page } from '../helpers/chromium.js';
import { attendanceRows, createStaffMember, type StaffAccount } from '../helpers/fixtures.js';
import { expectPadReady, useKioskPage } from '../helpers/kiosk-page.js';
import { ask, connectManager, signInCookie } from '../helpers/sockets.js';

let asha: StaffAccount;
let bo: StaffAccount;
const ctx = useKioskPage(test, {
  now: '2026-11-23T08:57:00Z',
  timezone: 'UTC',
  async seed({ client, manager }) {
    const shifts = [{ day: 'Monday', start: '09:00', end: '17:00' }];
    asha = await createStaffMember(client, manager, 'asha', { pin: '111111', shifts });
    bo = await createStaffMember(client, manager, 'bo', { pin: '222222', shifts });
  },
});

/** Everything IndexedDB holds for the kiosk, each record's fields as byte arrays. */
async function savedRecords(page: Page): Promise<{ fields: string[]; bytes: number[] }[]> {
  return page.evaluate(async () => {
    const request = indexedDB.open('rollcall-kiosk');
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (!database.objectStoreNames.contains('offline-punches')) return [];
    const all = database.transaction('offline-punches').objectStore('offline-punches').getAll();
    const records = await new Promise<Record<string, unknown>[]>((resolve) => (all.onsuccess = () => resolve(all.result)));
    database.close();
    return records.map((record) => ({
      fields: Object.keys(record).sort(),
      bytes: Object.values(record).flatMap((value) => (value instanceof Uint8Array ? [...value] : [...new TextEncoder().encode(JSON.stringify(value))])),
    }));
  });
}

/** Nothing readable at rest: no PIN, no JSON of one, no JPEG header, only the sealed fields. */
async function assertNothingReadable(page: Page, expected: number): Promise<void> {
  const records = await savedRecords(page);
  assert.equal(records.length, expected, 'saved punches');
  const contains = (haystack: number[], needle: string) => Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'));
  for (const record of records) {
    assert.deepEqual(record.fields, ['data', 'id', 'iv', 'key']);
    for (const readable of ['111111', '222222', '"pin"', 'JFIF', '\xff\xd8\xff']) assert.equal(contains(record.bytes, readable), false, `found ${JSON.stringify(readable)}`);
  }
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.doesNotMatch(stored, /111111|222222/);
}

async function checkInOffline(pin: string, waiting: number): Promise<void> {
  for (const digit of pin) await button(ctx.page, digit).click();
  await button(ctx.page, 'OK').click();
  await until.visible(ctx.page.getByRole('heading', { name: 'Saved — it will be sent when the connection is back' }));
  await until.visible(ctx.page.getByText(waiting === 1 ? '1 punch is waiting on this kiosk.' : `${waiting} punches are waiting on this kiosk.`));
  await assertNothingReadable(ctx.page, waiting);
  await ctx.page.getByText('Tap to finish').click();
  await until.visible(ctx.page.getByRole('status').getByText(`${waiting === 1 ? '1 punch' : `${waiting} punches`} waiting to be sent.`, { exact: false }));
}

test('server down: two people are saved, a reload keeps the pad and the queue, and both arrive in order once it is back', async () => {
  await expectPadReady(ctx.page);
  // The service worker must hold the app before the server goes, so the reload below can work.
  await ctx.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await ctx.server.restart(async () => {
    await until.visible(ctx.page.getByText(/^No connection to the server\. You can still check in and out/));
    await until.enabled(button(ctx.page, '1'));
    await checkInOffline('111111', 1);
    await checkInOffline('222222', 2);
    await saveShot(ctx.page, 'kiosk-30-offline-two-waiting');

    await ctx.page.reload();
    await until.visible(ctx.page.getByText('Enter your PIN'));
    await until.visible(ctx.page.getByRole('status').getByText('2 punches waiting to be sent.', { exact: false }));
    await until.enabled(button(ctx.page, '1'));
    await assertNothingReadable(ctx.page, 2);
    await saveShot(ctx.page, 'kiosk-31-offline-after-reload');
    // Still cut off once the server is back, until a manager is watching.
    await ctx.page.context().setOffline(true);
  });

  // A manager watches the board; then the kiosk's network comes back, and the punches arrive live.
  const manager = await connectManager(ctx.server.url, await signInCookie(ctx.client, ctx.manager.username, ctx.manager.password));
  const arrived: { staffName: string; occurrence: { state: string } }[] = [];
  manager.socket.on('attendance:created', (event) => arrived.push(event));
  await ctx.page.context().setOffline(false);
  await eventually(async () => arrived, (events) => events.length === 2, 30_000);
  assert.deepEqual(arrived.map((event) => [event.staffName, event.occurrence.state]), [['asha', 'checked_in'], ['bo', 'checked_in']]);

  await until.visible(ctx.page.getByText('Enter your PIN'));
  await until.gone(ctx.page.getByText(/waiting to be sent|saved while offline/));
  const rows = await attendanceRows(ctx, 2);
  const [first, second] = [...rows].sort((a, b) => a.id - b.id);
  assert.deepEqual([first.staff, second.staff], [asha.staffId, bo.staffId], 'in the order they were taken');
  for (const row of rows) {
    assert.equal(row.source, 'kiosk_offline');
    assert.equal(row.kind, 'check_in');
    assert.ok(row.captured_image);
  }
  assert.ok(Date.parse(first.timestamp) <= Date.parse(second.timestamp));
  await assertNothingReadable(ctx.page, 0);

  // And a board opened now has them too.
  const snapshot = await ask(manager.socket, 'snapshot:fetch');
  const states = Object.fromEntries(snapshot.occurrences.map((o: any) => [o.staffName, o.state]));
  assert.deepEqual(states, { asha: 'checked_in', bo: 'checked_in' });
  manager.socket.close();

  // And the kiosk is back to normal: asha again is told she is checked in.
  for (const digit of '111111') await button(ctx.page, digit).click();
  await button(ctx.page, 'OK').click();
  await until.visible(ctx.page.getByRole('heading', { name: /^You are already checked in since/ }));
  await eventually(() => attendanceRows(ctx), (all) => all.length === 2);
});

test.run();
