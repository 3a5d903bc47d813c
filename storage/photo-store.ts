/**
 * Where photos' bytes live. The embedded default keeps them as files,
 * content-addressed by SHA-256 under `DATA_DIR/photos/ab/cd/<sha256>.webp`;
 * on a PostgreSQL server they are rows (photo-blobs.ts), so any process on
 * any host serves any photo.
 *
 * A file is written under a temporary name, fsynced, and renamed into
 * place, so a reader never sees half a photo, and it is on disk (the rename
 * too: the folder is fsynced) before the database row that refers to it is
 * committed, even across a power loss.
 * Files are 0600 and folders 0700 whatever the process umask: they are faces.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from './database.js';
import type { ProcessedPhoto } from './photo-processing.js';
import { photos } from './schema.js';

export type PhotoStore = {
  kind: 'files' | 'database';
  /**
   * Before the transaction whose row first names the photo: files are
   * written here, so the file is on disk before any row refers to it.
   */
  prepare(photo: ProcessedPhoto): Promise<void>;
  /** Inside that transaction: the photo's row (and, in the database, its bytes), so a row never lacks its photo. */
  saveWith(tx: Queryable, photo: ProcessedPhoto): Promise<void>;
  /**
   * The same rows as inserts for a `with` of one statement, each written
   * only if `source` (a CTE of that statement) has a row: a punch's one
   * statement writes its photo only with the punch.
   */
  insertsWith(photo: ProcessedPhoto, source: SQL): SQL[];
  /** The WebP bytes, or `undefined` if there is no such photo. */
  read(id: string): Promise<Buffer | undefined>;
  /** Deletes the bytes of these photos (the retention purge); their rows stay, as the ledger names them. */
  removeBytes(ids: readonly string[]): Promise<void>;
};

export type PhotoFiles = PhotoStore & {
  /** Writes the photo's file if it is not there yet. */
  save(photo: ProcessedPhoto): Promise<void>;
};

const idPattern = /^[0-9a-f]{64}$/;

/** Makes a folder's entries (a new name, a rename) durable. Some platforms cannot open a folder to sync it (Windows), or refuse to. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'ENOTSUP') throw error;
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to a new file at `file` and flushes it to disk before returning. */
async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A new folder's name lives in its parent: the folders a recursive `mkdir` changed, from `last`'s parent up to the first new folder's. */
function parentsOfNewFolders(firstCreated: string, last: string): string[] {
  const top = path.dirname(firstCreated);
  const parents = [];
  for (let at = path.dirname(last); ; at = path.dirname(at)) {
    parents.push(at);
    if (at === top || at === path.dirname(at)) return parents;
  }
}

export const isPhotoId = (id: string) => idPattern.test(id);

/** Where a stored photo is served (`GET /api/photos/:id`). */
export const photoUrl = (id: string) => `/api/photos/${id}`;

/** The `photos` row that describes a photo, wherever its bytes are. */
export const photoRow = (photo: ProcessedPhoto) => ({ id: photo.id, bytes: photo.data.byteLength, width: photo.width, height: photo.height });

/** `photoRow` as an insert for a `with`, written only if `source` has a row (PhotoStore.insertsWith). */
export function photoRowInsertWith(photo: ProcessedPhoto, source: SQL): SQL {
  const row = photoRow(photo);
  return sql`insert into ${photos} (id, bytes, width, height) select ${row.id}::text, ${row.bytes}::int, ${row.width}::int, ${row.height}::int from ${source} on conflict do nothing`;
}

export function createPhotoStore(directory: string): PhotoFiles {
  const fileOf = (id: string) => path.join(directory, id.slice(0, 2), id.slice(2, 4), `${id}.webp`);

  const store: PhotoFiles = {
    kind: 'files',
    prepare: (photo) => store.save(photo),
    async saveWith(tx, photo) {
      await tx.insert(photos).values(photoRow(photo)).onConflictDoNothing();
    },
    insertsWith: (photo, source) => [photoRowInsertWith(photo, source)],
    async save(photo) {
      const file = fileOf(photo.id);
      const exists = await stat(file).then(
        () => true,
        () => false,
      );
      if (exists) return;
      const folder = path.dirname(file);
      const firstCreated = await mkdir(folder, { recursive: true, mode: 0o700 });
      if (firstCreated) for (const parent of parentsOfNewFolders(firstCreated, folder)) await syncFolder(parent);
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeDurably(temporary, photo.data);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      await syncFolder(folder);
    },
    async removeBytes(ids) {
      for (const id of ids) if (idPattern.test(id)) await rm(fileOf(id), { force: true });
    },
    async read(id) {
      if (!idPattern.test(id)) return undefined;
      try {
        return await readFile(fileOf(id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
  return store;
}
