/**
 * Stored photos, content-addressed by SHA-256 under
 * `DATA_DIR/photos/ab/cd/<sha256>.webp`. A file is written under a temporary
 * name and renamed into place, so a reader never sees half a photo, and it
 * exists before the database row that refers to it is committed.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessedPhoto } from './photo-processing.js';

export type PhotoStore = {
  /** Writes the photo's file if it is not there yet. */
  save(photo: ProcessedPhoto): Promise<void>;
  /** The WebP bytes, or `undefined` if there is no such file. */
  read(id: string): Promise<Buffer | undefined>;
};

const idPattern = /^[0-9a-f]{64}$/;

export function createPhotoStore(directory: string): PhotoStore {
  const fileOf = (id: string) => path.join(directory, id.slice(0, 2), id.slice(2, 4), `${id}.webp`);

  return {
    async save(photo) {
      const file = fileOf(photo.id);
      const exists = await stat(file).then(
        () => true,
        () => false,
      );
      if (exists) return;
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, photo.data, { mode: 0o640 });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
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
}
