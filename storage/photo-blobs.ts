/**
 * Photos kept in the database (with `DATABASE_URL`): the bytes are a row of
 * `photo_blobs`, written in the transaction of the attendance row that first
 * names the photo, so a row never lacks its photo and no orphan file is left
 * when that transaction fails. A deployment that moves from the embedded
 * database to a server brings its `DATA_DIR/photos`: until they are imported
 * (`importPhotoFiles`, at start), a photo missing from the table is read from
 * this host's files.
 */
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Queryable } from './database.js';
import type { PhotoFiles, PhotoStore } from './photo-store.js';
import { isPhotoId, photoRow, photoRowInsertWith } from './photo-store.js';
import { photoBlobs, photos } from './schema.js';

export function createDatabasePhotoStore(db: Database, files: PhotoFiles): PhotoStore {
  return {
    kind: 'database',
    async prepare() {},
    async saveWith(tx, photo) {
      // The row and its bytes in one statement (a round trip fewer on every capture); the foreign key is checked at its end.
      const row = photoRow(photo);
      await tx.execute(sql`
        with described as (
          insert into ${photos} (id, bytes, width, height) values (${row.id}, ${row.bytes}, ${row.width}, ${row.height}) on conflict do nothing
        )
        insert into ${photoBlobs} (photo_id, data) values (${row.id}, ${photo.data}) on conflict do nothing`);
    },
    insertsWith: (photo, source) => [
      photoRowInsertWith(photo, source),
      sql`insert into ${photoBlobs} (photo_id, data) select ${photo.id}::text, ${photo.data}::bytea from ${source} on conflict do nothing`,
    ],
    async removeBytes(ids) {
      if (ids.length === 0) return;
      await db.delete(photoBlobs).where(inArray(photoBlobs.photoId, [...ids]));
      // This host's files from before the move to the server are the same photos.
      await files.removeBytes(ids);
    },
    async read(id) {
      if (!isPhotoId(id)) return undefined;
      const [row] = await db.select({ data: photoBlobs.data }).from(photoBlobs).where(eq(photoBlobs.photoId, id));
      return row?.data ?? (await files.read(id));
    },
  };
}

export type PhotoImport = { imported: number; missing: number };

/** How many photos the database has no bytes for. */
export async function countPhotosWithoutBytes(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ count: count() })
    .from(photos)
    .leftJoin(photoBlobs, eq(photoBlobs.photoId, photos.id))
    .where(isNull(photoBlobs.photoId));
  return row?.count ?? 0;
}

/**
 * Copies into the database every photo this host has as a file and the
 * database has no bytes for, `batchSize` at a time, each batch in its own
 * transaction: stopped half-way (a restart, a crash), it goes on where it
 * was. A photo neither here nor in the database is counted as missing (it
 * may be on another host). `onProgress` hears after each batch.
 */
export async function importPhotoFiles(
  db: Queryable,
  files: PhotoFiles,
  { batchSize = 100, onProgress }: { batchSize?: number; onProgress?: (done: PhotoImport & { seen: number }) => void } = {},
): Promise<PhotoImport> {
  const result = { imported: 0, missing: 0 };
  let after = '';
  let seen = 0;
  for (;;) {
    const ids = await db
      .select({ id: photos.id })
      .from(photos)
      .leftJoin(photoBlobs, eq(photoBlobs.photoId, photos.id))
      .where(and(isNull(photoBlobs.photoId), gt(photos.id, after)))
      .orderBy(asc(photos.id))
      .limit(batchSize);
    if (ids.length === 0) return result;
    const found: { photoId: string; data: Buffer }[] = [];
    for (const { id } of ids) {
      const data = await files.read(id);
      if (data) found.push({ photoId: id, data });
      else result.missing += 1;
    }
    if (found.length > 0) await db.insert(photoBlobs).values(found).onConflictDoNothing();
    result.imported += found.length;
    seen += ids.length;
    after = ids.at(-1)!.id;
    onProgress?.({ ...result, seen });
  }
}
