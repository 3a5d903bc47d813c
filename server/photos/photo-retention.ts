/**
 * The daily photo retention purge: punch photos older than
 * `photo_retention_days` (0 keeps them) are removed, the records stay. Each
 * run is one ledger entry saying how many it removed. Bytes go after the rows
 * say so; a run that stopped in between is finished by the next one.
 */
import type { AppDeps } from '../http/app-env.js';
import { getSettings } from '../settings/settings.queries.js';
import { purgePunchPhotos, recentlyPurgedPhotos } from './photo-retention.queries.js';

const dayMs = 24 * 3600_000;

export async function purgeOldPhotos(deps: AppDeps): Promise<{ records: number; photos: number } | null> {
  const { photoRetentionDays } = await getSettings(deps.db, deps.config.orgTimezone);
  if (photoRetentionDays === 0) return null;
  const now = deps.clock.now();
  const purged = await purgePunchPhotos(deps.db, new Date(now.getTime() - photoRetentionDays * dayMs), now);
  const leftovers = await recentlyPurgedPhotos(deps.db, new Date(now.getTime() - 2 * dayMs));
  await deps.photos.removeBytes([...new Set([...purged.photoIds, ...leftovers])]);
  return { records: purged.records, photos: purged.photoIds.length };
}

/** Runs the purge once a day until stopped. */
export function purgePhotosDaily(deps: AppDeps): () => void {
  const timer = setInterval(() => deps.background.run('Purging old photos', () => purgeOldPhotos(deps)), dayMs);
  timer.unref();
  return () => clearInterval(timer);
}
