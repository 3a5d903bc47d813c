/**
 * A deployment that moves from the embedded database to a PostgreSQL server
 * brings `DATA_DIR/photos`; at start, the photos the database has no bytes
 * for are copied in from there, in the background and with progress in the
 * log. Stopped half-way, the next start goes on where it was; once done it
 * finds nothing to do.
 */
import { existsSync } from 'node:fs';
import { countPhotosWithoutBytes, importPhotoFiles } from '../../storage/photo-blobs.js';
import type { PhotoFiles } from '../../storage/photo-store.js';
import type { AppDeps } from '../http/app-env.js';

export async function importPhotoFolder(deps: Pick<AppDeps, 'db' | 'logger'>, files: PhotoFiles, folder: string): Promise<void> {
  if (!existsSync(folder)) return;
  const waiting = await countPhotosWithoutBytes(deps.db);
  if (waiting === 0) return;
  deps.logger.info(`Copying ${waiting} photos from ${folder} into the database; photos are served from the files until then.`);
  let lastSaid = 0;
  const result = await importPhotoFiles(deps.db, files, {
    onProgress: ({ seen }) => {
      if (seen - lastSaid >= 1000) {
        lastSaid = seen;
        deps.logger.info(`Photo import: ${seen} of ${waiting} done.`);
      }
    },
  });
  deps.logger.info(
    `Photo import finished: ${result.imported} copied into the database${result.missing ? `; ${result.missing} are not in ${folder} (another host may have them, and can copy them at its start)` : ''}.`,
  );
}
