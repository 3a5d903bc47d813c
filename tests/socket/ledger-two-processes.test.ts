/**
 * One ledger across two server processes on one PostgreSQL database:
 * kiosk captures through both, interleaved with managers' corrections
 * through both, append to one unbroken chain, and each process verifies it.
 * Without DATABASE_URL every test is skipped (see `useTwoProcessSuite`).
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { makeFrame, type StaffAccount } from '../helpers/fixtures.js';
import { checkInAtKiosk, connectKiosk, pairKiosk } from '../helpers/sockets.js';
import { onPostgres, staffOnShiftNow, useTwoProcessSuite } from '../helpers/two-processes.js';

const { ctx, check } = useTwoProcessSuite(test);
let frame: Buffer;
if (onPostgres) {
  test.before(async () => {
    frame = await makeFrame(320, 240);
  });
}

check('captures and corrections through both processes at once keep one unbroken chain', async () => {
  const people: StaffAccount[] = [];
  for (const [i, name] of ['asha', 'ben', 'chen', 'dara', 'eli', 'fay'].entries()) people.push(await staffOnShiftNow(ctx, name, `${i + 1}`.repeat(6)));
  const kiosks = [
    await ctx.track(connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, ctx.managerAuth, 'First')).token)),
    await ctx.track(connectKiosk(ctx.second.url, (await pairKiosk(ctx.secondClient, ctx.managerAuth, 'Second')).token)),
  ];
  const clients = [ctx.client, ctx.secondClient];
  const before = (await ctx.client.get('/api/audit/verify', ctx.managerAuth)).body;
  assert.equal(before.ok, true, JSON.stringify(before));

  // Two check in first; then, all at once: four more check in, two on each process, while a manager on
  // each process corrects one of the first two's check-in.
  const first = await Promise.all([checkInAtKiosk(kiosks[0]!, '111111', frame), checkInAtKiosk(kiosks[1]!, '222222', frame)]);
  // The kiosk's ack does not name the occurrence; the punch list does.
  const listed = (await ctx.client.get('/api/attendance/', ctx.managerAuth)).body as { id: number; shift: number; date: string }[];
  const correctOn = (process: 0 | 1) => {
    const punch = first[process];
    const { shift, date } = listed.find((p) => p.id === punch.id)!;
    const at = new Date(Date.parse(punch.timestamp) - 60_000).toISOString();
    const body = { staff: people[process]!.staffId, shiftId: shift, date, kind: 'check_in', at, reason: `Fixed on process ${process + 1}`, supersedes: punch.id };
    return clients[process]!.post('/api/attendance/corrections', body, ctx.managerAuth);
  };
  const results = await Promise.all([
    checkInAtKiosk(kiosks[0]!, '333333', frame),
    checkInAtKiosk(kiosks[1]!, '444444', frame),
    correctOn(0),
    correctOn(1),
    checkInAtKiosk(kiosks[0]!, '555555', frame),
    checkInAtKiosk(kiosks[1]!, '666666', frame),
  ]);
  assert.equal(results[2].status, 201, results[2].text);
  assert.equal(results[3].status, 201, results[3].text);

  for (const client of clients) {
    const verdict = (await client.get('/api/audit/verify', ctx.managerAuth)).body;
    // Six captures and two corrections since the first verify.
    assert.deepEqual({ ok: verdict.ok, added: verdict.entries - before.entries }, { ok: true, added: 8 }, JSON.stringify(verdict));
  }
  const actions = (await ctx.secondClient.get('/api/audit/?entity=attendance&limit=8', ctx.managerAuth)).body.entries.map((e: { action: string }) => e.action).sort();
  assert.deepEqual(actions, ['attendance.captured', 'attendance.captured', 'attendance.captured', 'attendance.captured', 'attendance.captured', 'attendance.captured', 'attendance.corrected', 'attendance.corrected']);
});

test.run();
