/**
 * Where a captured photo's bytes go: files under the photo folder on the
 * embedded database, rows of `photo_blobs` on a PostgreSQL server (so any
 * host serves any photo), written with the attendance row or not at all.
 * Photos are served with their id as ETag, a revalidation answered 304 and
 * still recorded as a manager's view. A deployment's photo files are copied
 * into the database, resumably.
 *
 * Runs on both databases; each test says what it expects of the one in use.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { test } from 'uvu';
import { insertRecordWithPhoto, reserveAttendanceId } from '../../server/attendance/own-punch.queries.js';
import { countPhotosWithoutBytes, createDatabasePhotoStore, importPhotoFiles } from '../../storage/photo-blobs.js';
import { processPhoto, type ProcessedPhoto } from '../../storage/photo-processing.js';
import { createPhotoStore } from '../../storage/photo-store.js';
import { attendance, photoBlobs, photos } from '../../storage/schema.js';
import { listPhotoFiles } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { captureAt, createStaffMember, makeFrame, toBase64, type StaffAccount } from '../helpers/fixtures.js';

const onServer = Boolean(process.env.DATABASE_URL);
const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC' });
let asha: StaffAccount;
let folder: string;

test.before(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'rollcall-import-'));
});
test.after(async () => {
  await rm(folder, { recursive: true, force: true });
});
test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
});

const blobCount = async () => (await ctx.server.deps.db.select({ id: photoBlobs.photoId }).from(photoBlobs)).length;
const photoCount = async () => (await ctx.server.deps.db.select({ id: photos.id }).from(photos)).length;

async function photoOf(width: number, height: number): Promise<ProcessedPhoto> {
  const processed = await processPhoto(await makeFrame(width, height));
  assert.ok(processed.ok);
  return processed.photo;
}

async function getPhoto(url: string, headers: Record<string, string> = {}) {
  return fetch(`${ctx.server.url}${url}`, { headers: { Authorization: `Bearer ${ctx.manager.token}`, ...headers } });
}

const photoViews = async () =>
  Number(((await ctx.server.deps.db.execute(sql`select count(*)::int as n from ledger where action = 'photo.viewed'`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

test(`a captured photo is stored ${onServer ? 'in the database, not as a file' : 'as a file, not in the database'}, and served whole`, async () => {
  const reply = await captureAt(ctx, asha, '2026-11-23T08:55:00Z', toBase64(await makeFrame(640, 480)));
  assert.equal(reply.status, 201, reply.text);
  const served = await getPhoto(reply.body.captured_image);
  assert.equal(served.status, 200);
  const bytes = Buffer.from(await served.arrayBuffer());
  const id = reply.body.captured_image.split('/').pop();
  const files = await listPhotoFiles(ctx.server.photoDir);
  const [blob] = await ctx.server.deps.db.select().from(photoBlobs).where(eq(photoBlobs.photoId, id));
  if (onServer) {
    assert.deepEqual(files, []);
    assert.ok(blob, 'a photo_blobs row');
    assert.ok(blob.data.equals(bytes), 'the row holds the bytes served');
  } else {
    assert.deepEqual(files.map((file) => path.basename(file)), [`${id}.webp`]);
    assert.equal(blob, undefined);
  }
});

test('the photo’s id is its ETag: a revalidation gets 304 with no body; views are recorded once per manager, photo and day', async () => {
  const reply = await captureAt(ctx, asha, '2026-11-23T08:55:00Z', toBase64(await makeFrame(640, 480)));
  const url = reply.body.captured_image;
  const id = url.split('/').pop();
  const first = await getPhoto(url);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('etag'), `"${id}"`);
  assert.match(first.headers.get('cache-control') ?? '', /private/);
  await first.arrayBuffer();
  const viewsBefore = await photoViews();

  const again = await getPhoto(url, { 'If-None-Match': `W/"other", "${id}"` });
  assert.equal(again.status, 304);
  assert.equal((await again.arrayBuffer()).byteLength, 0);
  assert.equal(again.headers.get('etag'), `"${id}"`);
  assert.equal(await photoViews(), viewsBefore, 'seen already today');

  const stale = await getPhoto(url, { 'If-None-Match': '"0000"' });
  assert.equal(stale.status, 200);
  assert.ok((await stale.arrayBuffer()).byteLength > 0);

  ctx.server.clock.advance(24 * 3600_000);
  // A day later the morning's access token has expired: a fresh one, as the app would refresh it.
  const { token } = await ctx.auth(ctx.manager);
  assert.equal((await getPhoto(url, { 'If-None-Match': `"${id}"`, Authorization: `Bearer ${token}` })).status, 304);
  assert.equal(await photoViews(), viewsBefore + 1, 'the next day: recorded again');
});

test('a punch that is not kept (the occurrence has its punch already) leaves neither photo row nor bytes', async () => {
  const first = await captureAt(ctx, asha, '2026-11-23T08:55:00Z', toBase64(await makeFrame(640, 480)));
  assert.equal(first.status, 201, first.text);
  const [row] = await ctx.server.deps.db.select().from(attendance);
  const [photosBefore, blobsBefore] = [await photoCount(), await blobCount()];
  const other = await photoOf(320, 240);
  const { id: _id, recordedAt: _recorded, supersedesId: _supersedes, reason: _reason, createdBy: _by, ...record } = row!;
  const kept = await insertRecordWithPhoto(ctx.server.deps.db, { ...record, id: await reserveAttendanceId(ctx.server.deps.db) }, { processed: other, store: ctx.server.deps.photos }, { kind: 'user', id: asha.id });
  assert.equal(kept, undefined);
  assert.deepEqual([await photoCount(), await blobCount()], [photosBefore, blobsBefore]);
});

test('photo files are copied into the database in batches; stopped half-way, the next run goes on where it was', async () => {
  const { db } = ctx.server.deps;
  const files = createPhotoStore(folder);
  const onDisk = [await photoOf(320, 240), await photoOf(400, 300), await photoOf(480, 360), await photoOf(560, 420), await photoOf(640, 480)];
  const elsewhere = await photoOf(200, 150);
  for (const photo of onDisk) await files.save(photo);
  for (const photo of [...onDisk, elsewhere]) await db.insert(photos).values({ id: photo.id, bytes: photo.data.byteLength, width: photo.width, height: photo.height });
  assert.equal(await countPhotosWithoutBytes(db), 6);

  // Stopped after its first batch of two, as a restart would.
  const stop = new Error('stopped');
  await assert.rejects(
    importPhotoFiles(db, files, {
      batchSize: 2,
      onProgress: () => {
        throw stop;
      },
    }),
    stop,
  );
  const afterFirst = await countPhotosWithoutBytes(db);
  assert.ok(afterFirst === 4 || afterFirst === 5, `after one batch of two, ${afterFirst} photos still wait`);

  const rest = await importPhotoFiles(db, files, { batchSize: 2 });
  assert.deepEqual(rest, { imported: 5 - (6 - afterFirst), missing: 1 });
  assert.equal(await countPhotosWithoutBytes(db), 1, 'only the photo no file of which is here');
  const store = createDatabasePhotoStore(db, createPhotoStore(path.join(folder, 'nothing-here')));
  for (const photo of onDisk) assert.ok((await store.read(photo.id))?.equals(Buffer.from(photo.data)), 'served from the database');
  assert.equal(await store.read(elsewhere.id), undefined);

  assert.deepEqual(await importPhotoFiles(db, files), { imported: 0, missing: 1 }, 'run again: nothing left to copy');
});

test('until its photo is copied in, the database store serves this host’s file', async () => {
  const files = createPhotoStore(folder);
  const photo = await photoOf(300, 200);
  await files.save(photo);
  const store = createDatabasePhotoStore(ctx.server.deps.db, files);
  assert.ok((await store.read(photo.id))?.equals(Buffer.from(photo.data)));
  assert.equal(await store.read('not an id'), undefined);
});

test.run();
