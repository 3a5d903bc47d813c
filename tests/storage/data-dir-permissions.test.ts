/**
 * `DATA_DIR` is private to the server's user: after a real server process
 * has created it, signed up a manager and stored a check-in photo, every
 * folder in it is 0700 and every file 0600 (the database's files, its WAL,
 * the secret key, the photos). An install whose files others can read is
 * narrowed at the next start, which says how many it fixed, without
 * following a symbolic link out of the folder.
 *
 * The embedded database is the point here, so the child never gets DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { chmod, lstat, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { createManager, createStaffMember, makeFrame, toBase64 } from '../helpers/fixtures.js';
import { createClient } from '../helpers/http.js';
import { spawnServer } from '../helpers/server-process.js';

let base: string;
let dataDir: string;
const embedded = () => ({ DATA_DIR: dataDir, DATABASE_URL: undefined, SECRET_KEY: undefined, ORG_TIMEZONE: 'UTC' });

type Entry = { name: string; mode: number; kind: 'folder' | 'file' | 'link' | 'other' };

/** `dataDir` itself and everything under it, without following links. */
async function entriesOf(dir: string): Promise<Entry[]> {
  const names = ['.', ...(await readdir(dir, { recursive: true }))];
  return Promise.all(
    names.map(async (name) => {
      const stats = await lstat(path.join(dir, name));
      const kind = stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : stats.isSymbolicLink() ? 'link' : 'other';
      return { name, mode: stats.mode & 0o777, kind } as Entry;
    }),
  );
}

/** The entries that are not private: folders other than 0700, files other than 0600. */
const notPrivate = (entries: Entry[]) =>
  entries.filter((e) => (e.kind === 'folder' && e.mode !== 0o700) || (e.kind === 'file' && e.mode !== 0o600)).map((e) => `${e.mode.toString(8)} ${e.name}`);

test.before(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'rollcall-private-'));
  // Not made yet: the server makes it.
  dataDir = path.join(base, 'data');
});
test.after(async () => rm(base, { recursive: true, force: true }));

test('a fresh DATA_DIR after a start, a sign-up and a check-in with a photo: every folder 0700, every file 0600', async () => {
  const server = await spawnServer(embedded());
  try {
    const client = createClient(server.url);
    const manager = await createManager(client);
    const now = DateTime.utc();
    const shifts = [{ day: now.toFormat('cccc'), start: now.toFormat('HH:mm'), end: now.plus({ hours: 8 }).toFormat('HH:mm') }];
    const asha = await createStaffMember(client, manager, 'asha', { shifts, weeklyOffs: now.plus({ days: 3 }).toFormat('cccc') });
    const checkIn = await client.post('/api/attendance/', { staff: asha.staffId, captured_image: toBase64(await makeFrame(320, 240)) }, { token: asha.token });
    assert.equal(checkIn.status, 201, checkIn.text);
  } finally {
    assert.equal(await server.stop(), 0, server.output());
  }
  const entries = await entriesOf(dataDir);
  const files = entries.filter((e) => e.kind === 'file');
  assert.ok(files.length > 100, `only ${files.length} files: the database is not in ${dataDir}?`);
  assert.ok(files.some((e) => e.name.startsWith('db/pg_wal/')), 'the WAL is there');
  assert.ok(files.some((e) => e.name === 'secret.key'));
  assert.ok(files.some((e) => e.name.startsWith('photos/') && e.name.endsWith('.webp')), 'the photo is there');
  assert.deepEqual(notPrivate(entries), []);
});

test('an install others can read is made private at the next start, which logs how many it fixed, and a link out is left alone', async () => {
  // As an install made before this fix was: files 0666 and folders 0755 (or 0644, as an editor might leave secret.key).
  let widened = 0;
  for (const entry of await entriesOf(dataDir)) {
    if (entry.kind === 'other' || entry.kind === 'link') continue;
    await chmod(path.join(dataDir, entry.name), entry.kind === 'folder' ? 0o755 : entry.name === 'secret.key' ? 0o644 : 0o666);
    widened++;
  }
  const outside = path.join(base, 'outside.txt');
  await writeFile(outside, 'not Rollcall’s');
  await chmod(outside, 0o644);
  await symlink(outside, path.join(dataDir, 'link-to-outside'));

  const server = await spawnServer(embedded());
  try {
    assert.equal((await createClient(server.url).get('/api/auth/status')).status, 200);
  } finally {
    assert.equal(await server.stop(), 0, server.output());
  }
  assert.match(server.output(), new RegExp(`Made ${widened} files and folders in ${dataDir} private`));
  assert.deepEqual(notPrivate(await entriesOf(dataDir)), []);
  assert.equal((await stat(outside)).mode & 0o777, 0o644, 'the link was not followed');
});

test.run();
