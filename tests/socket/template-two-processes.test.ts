/**
 * Each process keeps the weekly template in memory with the database's
 * count of its changes (server/roster/template.queries.ts): a change made
 * through one process must be in the other's very next roster and kiosk
 * reply, with no message between them to wait for.
 *
 * Without DATABASE_URL every test is skipped (see `useTwoProcessSuite`).
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { ask, connectKiosk, pairKiosk } from '../helpers/sockets.js';
import { staffOnShiftNow, useTwoProcessSuite } from '../helpers/two-processes.js';

const { ctx, check } = useTwoProcessSuite(test);

check('a shift changed through one process is in the other process’s next roster and kiosk reply', async () => {
  const now = DateTime.utc();
  const today = now.toISODate()!;
  const asha = await staffOnShiftNow(ctx, 'asha', '111111');
  const { token } = await pairKiosk(ctx.client, ctx.managerAuth, 'Door');
  const kiosk = await connectKiosk(ctx.second.url, token);
  await ctx.track(kiosk);
  const endsOnTheOther = async (query: string) => {
    const reply = await ctx.secondClient.get(`/api/roster/?from=${today}&to=${today}${query}`, ctx.managerAuth);
    assert.equal(reply.status, 200, reply.text);
    return reply.body.filter((o: { staff: number }) => o.staff === asha.staffId).map((o: { end: string }) => Date.parse(o.end));
  };
  const eightHoursOn = now.plus({ hours: 8 }).startOf('minute').toMillis();
  // Read once on the other process first, so what it answers after the change is not its first read.
  assert.deepEqual(await endsOnTheOther(`&staff=${asha.staffId}`), [eightHoursOn]);
  assert.deepEqual(await endsOnTheOther(''), [eightHoursOn]);
  const before = await ask(kiosk, 'identify', { pin: '111111' });
  assert.equal(before.ok, true, JSON.stringify(before));

  const [shift] = (await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, ctx.managerAuth)).body as { id: number }[];
  const shorter = await ctx.client.patch(`/api/shifts/${shift!.id}/`, { shift_end: now.plus({ hours: 4 }).toFormat('HH:mm'), effective_from: today }, ctx.managerAuth);
  assert.equal(shorter.status, 200, shorter.text);

  const fourHoursOn = now.plus({ hours: 4 }).startOf('minute').toMillis();
  assert.deepEqual(await endsOnTheOther(`&staff=${asha.staffId}`), [fourHoursOn]);
  assert.deepEqual(await endsOnTheOther(''), [fourHoursOn]);

  // Removed through the first process: the other's kiosk finds no window to open.
  const removed = await ctx.client.delete(`/api/shifts/${shift!.id}/`, ctx.managerAuth);
  assert.ok(removed.status < 300, removed.text);
  assert.deepEqual(await endsOnTheOther(''), []);
  const after = await ask(kiosk, 'identify', { pin: '111111' });
  assert.equal(after.error?.code, 'no_window', JSON.stringify(after));
});

test.run();
