/**
 * The face check through the API, with real faces made from the face-api
 * demo photos (tests/helpers/face-samples.ts) and the real analyser (worker
 * thread, wasm): reference faces, verdicts on punches, reviews, and the
 * privacy rules (deletion when turned off or on deactivation, the retention
 * purge, reused photos, refusing API check-ins). Organisation time zone UTC;
 * Monday 23 November 2026 08:55, shifts 09:00–17:00.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { test } from 'uvu';
import { purgeOldPhotos } from '../../server/photos/photo-retention.js';
import { assertError, listPhotoFiles } from '../helpers/assertions.js';
import { faceSamples, groupPhotos, noFaceFrame, type FacePerson } from '../helpers/face-samples.js';
import { createStaffMember, type StaffAccount, storedAlerts, toBase64 } from '../helpers/fixtures.js';
import { useApiSuite } from '../helpers/api-suite.js';

const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC' });
const shifts = [{ day: 'Monday', start: '09:00', end: '17:00' }];
let people: FacePerson[];
let group: Buffer;
let blank: Buffer;

test.before(async () => {
  people = await faceSamples();
  group = await sharp(groupPhotos[0]!).resize({ width: 640 }).jpeg().toBuffer();
  blank = await noFaceFrame();
});

const manager = () => ctx.auth(ctx.manager);
const turnOn = async () => assert.equal((await ctx.client.patch('/api/settings/', { face_check: 'flag' }, await manager())).status, 200);
const setReference = async (staffId: number, image: Buffer) => ctx.client.put(`/api/staff/${staffId}/reference-photo`, { image: toBase64(image) }, await manager());
const checkIn = async (person: StaffAccount, image: Buffer) => ctx.client.post('/api/attendance/', { staff: person.staffId, captured_image: toBase64(image) }, await ctx.auth(person));
/** The person's punches once every face check has run. */
async function punchesOf(person: StaffAccount): Promise<any[]> {
  await ctx.server.deps.background.settled();
  return (await ctx.client.get(`/api/attendance/?staff=${person.staffId}`, await manager())).body;
}
const alertsOfType = (type: string) => storedAlerts(ctx, type);
const ledgerActions = async (action: string) =>
  ((await ctx.server.deps.db.execute(sql`select data from ledger where action = ${action} order by seq`)) as unknown as { rows: { data: string | object }[] }).rows.map((row) =>
    typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
  );

test('reference faces: managers only; set, read, replaced, removed; refused while the check is off', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  const path = `/api/staff/${asha.staffId}/reference-photo`;
  const body = { image: toBase64(people[0]!.frames[0]!) };
  assertError(await ctx.client.put(path, body, await manager()), 409, 'face_check_off');
  await turnOn();
  assertError(await ctx.client.put(path, body), 401, 'unauthorized');
  assertError(await ctx.client.put(path, body, await ctx.auth(asha)), 403, 'forbidden');
  assertError(await ctx.client.get(path, await ctx.auth(asha)), 403, 'forbidden');
  assertError(await ctx.client.delete(path, await ctx.auth(asha)), 403, 'forbidden');
  assertError(await ctx.client.get(path, await manager()), 404, 'not_found');

  const set = await ctx.client.put(path, body, await manager());
  assert.equal(set.status, 200, set.text);
  assert.match(set.body.photoUrl, /^\/api\/photos\/[0-9a-f]{64}$/);
  assert.deepEqual((await ctx.client.get(path, await manager())).body, set.body);
  const replaced = await setReference(asha.staffId, people[0]!.frames[1]!);
  assert.equal(replaced.status, 200, replaced.text);
  assert.notEqual(replaced.body.photoUrl, set.body.photoUrl);
  assert.equal((await ctx.client.get(replaced.body.photoUrl, await manager())).status, 200, 'the reference photo is served');
  assert.equal((await ctx.client.delete(path, await manager())).status, 204);
  assertError(await ctx.client.get(path, await manager()), 404, 'not_found');
  assertError(await ctx.client.delete(path, await manager()), 404, 'not_found');
  assert.deepEqual((await ledgerActions('face.reference_set')).length, 2);
  assertError(await ctx.client.put('/api/staff/9999/reference-photo', body, await manager()), 404, 'not_found');
});

test('a reference photo must show exactly one face; bad input is refused and changes nothing', async () => {
  await turnOn();
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  const none = await setReference(asha.staffId, blank);
  assertError(none, 422, 'no_face');
  assert.match(none.body.error.message, /^No face found in this photo\./);
  const several = await setReference(asha.staffId, group);
  assertError(several, 422, 'several_faces');
  assert.match(several.body.error.message, /^This photo shows \d+ faces\./);
  for (const bad of [{}, { image: '' }, { image: 'not base64 at all!' }, { image: 42 }, { fromAttendance: 'x' }, { image: toBase64(blank), fromAttendance: 1 }]) {
    const reply = await ctx.client.put(`/api/staff/${asha.staffId}/reference-photo`, bad, await manager());
    assert.equal(reply.status, 400, `${JSON.stringify(bad).slice(0, 60)}: ${reply.text}`);
  }
  // Someone else's punch is not this person's reference.
  const bo = await createStaffMember(ctx.client, ctx.manager, 'bo', { shifts });
  const boPunch = await checkIn(bo, people[1]!.frames[0]!);
  assertError(await ctx.client.put(`/api/staff/${asha.staffId}/reference-photo`, { fromAttendance: boPunch.body.id }, await manager()), 404, 'not_found');
  assertError(await ctx.client.get(`/api/staff/${asha.staffId}/reference-photo`, await manager()), 404, 'not_found');
});

test('verdicts on punch photos: match, mismatch, no face, several faces, no reference; flagged ones are alerted and listed', async () => {
  await turnOn();
  const [same, other, noFace, crowd, unknown] = await Promise.all(['same', 'other', 'noface', 'crowd', 'unknown'].map((name) => createStaffMember(ctx.client, ctx.manager, name, { shifts })));
  for (const person of [same!, other!, noFace!, crowd!]) assert.equal((await setReference(person.staffId, people[0]!.frames[0]!)).status, 200);
  const taken = await Promise.all([
    checkIn(same!, people[0]!.frames[2]!),
    checkIn(other!, people[1]!.frames[0]!),
    checkIn(noFace!, blank),
    checkIn(crowd!, group),
    checkIn(unknown!, people[2]!.frames[0]!),
  ]);
  for (const reply of taken) {
    assert.equal(reply.status, 201, reply.text);
    assert.deepEqual(reply.body.face, { verdict: 'pending', distance: null, review: null });
  }
  const faceOf = async (person: StaffAccount) => (await punchesOf(person))[0].face;
  const match = await faceOf(same!);
  assert.equal(match.verdict, 'match');
  assert.ok(match.distance < 0.45, `distance ${match.distance}`);
  const mismatch = await faceOf(other!);
  assert.equal(mismatch.verdict, 'mismatch');
  assert.ok(mismatch.distance > 0.45, `distance ${mismatch.distance}`);
  assert.deepEqual(await faceOf(noFace!), { verdict: 'no_face', distance: null, review: null });
  assert.deepEqual(await faceOf(crowd!), { verdict: 'several_faces', distance: null, review: null });
  assert.deepEqual(await faceOf(unknown!), { verdict: 'no_reference', distance: null, review: null });
  const references = (await ctx.client.get('/api/attendance/', await manager())).body.map((r: any) => [r.staff, r.reference_photo]);
  const referenceOf = new Map(references);
  assert.equal(referenceOf.size, 5);
  for (const person of [same!, other!, noFace!, crowd!]) assert.match(String(referenceOf.get(person.staffId)), /^\/api\/photos\/[0-9a-f]{64}$/, 'History shows the reference beside each punch');
  assert.equal(referenceOf.get(unknown!.staffId), null);
  const own = await ctx.client.get('/api/attendance/', await ctx.auth(same!));
  assert.equal(own.body.length, 1);
  assert.equal('reference_photo' in own.body[0], false, 'staff are not sent it');

  assert.deepEqual((await alertsOfType('face_mismatch')).map((a) => a.staffId), [other!.staffId]);
  assert.deepEqual((await alertsOfType('face_no_face')).map((a) => a.staffId), [noFace!.staffId]);
  assert.equal((await ledgerActions('face.checked')).length, 5);

  const exceptions = async () => ((await ctx.client.get('/api/exceptions?from=2026-11-23&to=2026-11-23', await manager())).body as any[]).filter((e) => e.type.startsWith('face_'));
  const listed = await exceptions();
  assert.deepEqual(listed.map((e) => [e.type, e.staff]).sort(), [['face_mismatch', other!.staffId], ['face_no_face', noFace!.staffId]].sort());
  const flagged = listed.find((e) => e.type === 'face_mismatch');
  assert.match(flagged.face.referencePhotoUrl, /^\/api\/photos\//);

  // Confirm it was them: off the list. Flag it: it stays, marked.
  assertError(await ctx.client.post(`/api/attendance/${flagged.face.attendanceId}/face-review`, { review: 'confirmed' }, await ctx.auth(same!)), 403, 'forbidden');
  assertError(await ctx.client.post(`/api/attendance/${flagged.face.attendanceId}/face-review`, { review: 'maybe' }, await manager()), 400, 'validation_failed');
  assertError(await ctx.client.post('/api/attendance/99999/face-review', { review: 'confirmed' }, await manager()), 404, 'not_found');
  assert.equal((await ctx.client.post(`/api/attendance/${flagged.face.attendanceId}/face-review`, { review: 'confirmed' }, await manager())).status, 200);
  const noFaceEntry = listed.find((e) => e.type === 'face_no_face');
  assert.equal((await ctx.client.post(`/api/attendance/${noFaceEntry.face.attendanceId}/face-review`, { review: 'flagged' }, await manager())).status, 200);
  const left = await exceptions();
  assert.deepEqual(left.map((e) => [e.type, e.face.review]), [['face_no_face', 'flagged']]);
});

test('turning the check off deletes every reference face; deactivating someone deletes theirs', async () => {
  await turnOn();
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  const bo = await createStaffMember(ctx.client, ctx.manager, 'bo', { shifts });
  assert.equal((await setReference(asha.staffId, people[0]!.frames[0]!)).status, 200);
  assert.equal((await setReference(bo.staffId, people[1]!.frames[0]!)).status, 200);
  assert.equal((await ctx.client.patch(`/api/staff/${bo.staffId}/`, { active: false }, await manager())).status, 200);
  assertError(await ctx.client.get(`/api/staff/${bo.staffId}/reference-photo`, await manager()), 404, 'not_found');
  assert.equal((await ctx.client.get(`/api/staff/${asha.staffId}/reference-photo`, await manager())).status, 200);
  assert.equal((await ctx.client.patch('/api/settings/', { face_check: 'off' }, await manager())).status, 200);
  await ctx.server.deps.background.settled();
  assert.deepEqual(await ledgerActions('face.references_deleted'), [{ staffIds: [asha.staffId], why: 'the face check was turned off' }]);
  await turnOn();
  assertError(await ctx.client.get(`/api/staff/${asha.staffId}/reference-photo`, await manager()), 404, 'not_found');
});

test('a photo left unanalysed by a stopped server is analysed after the restart', async () => {
  await turnOn();
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  // Taken while the check was off, then queued by hand as a stopped process would have left it.
  assert.equal((await ctx.client.patch('/api/settings/', { face_check: 'off' }, await manager())).status, 200);
  const punch = await checkIn(asha, people[0]!.frames[0]!);
  assert.equal(punch.body.face, null);
  await ctx.server.deps.db.execute(sql`insert into face_checks (attendance_id, state, claimed_at) values (${punch.body.id}, 'analysing', ${'2026-11-23T08:00:00Z'})`);
  await turnOn();
  await ctx.server.restart();
  assert.equal((await punchesOf(asha))[0].face.verdict, 'no_reference');
});

test('the retention purge removes old punch photos, keeps the records, and says so in the ledger', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  const punch = await checkIn(asha, people[0]!.frames[0]!);
  assert.equal(punch.status, 201);
  assert.deepEqual(await purgeOldPhotos(ctx.server.deps), { records: 0, photos: 0 }, 'today: 56 days to go');
  assert.equal((await ctx.client.patch('/api/settings/', { photo_retention_days: 7 }, await manager())).status, 200);
  ctx.server.clock.advance(8 * 24 * 3600_000);
  assert.deepEqual(await purgeOldPhotos(ctx.server.deps), { records: 1, photos: 1 });
  const [record] = await punchesOf(asha);
  assert.equal(record.id, punch.body.id);
  assert.equal(record.captured_image, null);
  assert.equal(record.photo_purged_at, '2026-12-01T08:55:00.000Z');
  assertError(await ctx.client.get(punch.body.captured_image, await manager()), 404, 'not_found');
  assert.equal((await ctx.server.deps.photos.read(punch.body.captured_image.split('/').pop())), undefined, 'the bytes are gone');
  const timesheet = await ctx.client.get(`/api/timesheets/?from=${record.date}&to=${record.date}`, await manager());
  assert.equal(timesheet.status, 200, timesheet.text);
  assert.deepEqual(timesheet.body.map((entry: any) => [entry.checkIn.final.id, entry.checkIn.final.photoUrl]), [[punch.body.id, null]], 'the timesheet links no purged photo');
  if (ctx.server.deps.photos.kind === 'files') assert.deepEqual(await listPhotoFiles(ctx.server.photoDir), []);
  const runs = await ledgerActions('photos.purged');
  assert.deepEqual(runs.at(-1), { takenBefore: '2026-11-24T08:55:00.000Z', records: 1, photos: 1 });
  assert.equal((await ctx.client.patch('/api/settings/', { photo_retention_days: 0 }, await manager())).status, 200);
  assert.equal(await purgeOldPhotos(ctx.server.deps), null, '0 keeps photos');
});

test('the same photo bytes behind two punches are flagged photo_reused', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  const bo = await createStaffMember(ctx.client, ctx.manager, 'bo', { shifts });
  const first = await checkIn(asha, people[0]!.frames[0]!);
  const second = await checkIn(bo, people[0]!.frames[0]!);
  assert.equal(first.body.photo_reused, false);
  assert.equal(second.body.photo_reused, true);
  assert.equal(second.body.captured_image, first.body.captured_image);
});

test('api_check_in: refuse stops check-ins through the original API and stores nothing', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  assert.equal((await ctx.client.patch('/api/settings/', { api_check_in: 'refuse' }, await manager())).status, 200);
  const refused = await checkIn(asha, people[0]!.frames[0]!);
  assertError(refused, 403, 'api_check_in_refused');
  assert.match(refused.body.error.message, /only at its kiosks/);
  assert.deepEqual(await punchesOf(asha), []);
  assertError(await ctx.client.patch('/api/settings/', { api_check_in: 'sometimes' }, await manager()), 400, 'validation_failed');
  assertError(await ctx.client.patch('/api/settings/', { photo_retention_days: -1 }, await manager()), 400, 'validation_failed');
  assertError(await ctx.client.patch('/api/settings/', { face_match_threshold: 3 }, await manager()), 400, 'validation_failed');
});

test.run();
