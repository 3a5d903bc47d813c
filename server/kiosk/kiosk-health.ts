/**
 * Kiosk health: what each kiosk says about itself every minute (camera,
 * waiting punches, app version), and the watch that tells managers when a
 * kiosk has gone dark while people need it, that is while a shift window is
 * open. Each is told once: a camera when it goes from working to failed, a
 * dark kiosk once per time it goes dark, claimed with one conditional update
 * so two server processes never both tell it.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppDeps } from '../http/app-env.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { candidateDates, openWindowsAt } from '../roster/windows.js';
import { getSettings } from '../settings/settings.queries.js';
import type { KioskHealth } from '../socket-contract.js';
import { claimDarkKioskAlert, findSilentKiosks, storeHealthReport } from './kiosks.queries.js';

export const healthSchema = z.object({
  camera: z.enum(['starting', 'ready', 'failed']),
  cameraError: z.string().max(300).optional(),
  queue: z.number().int().min(0).max(1_000_000),
  version: z.string().min(1).max(40),
});

/** Stores the report as the kiosk's latest contact; tells managers if the camera has just failed. */
export async function recordKioskHealth(deps: AppDeps, kiosk: { id: number; name: string }, health: KioskHealth): Promise<void> {
  const now = deps.clock.now();
  const was = await storeHealthReport(deps.db, kiosk.id, health, now);
  if (health.camera === 'failed' && was !== 'failed') {
    deps.events.emit('kioskCameraFailed', { kioskId: kiosk.id, kioskName: kiosk.name, error: health.cameraError ?? null, at: now });
  }
}

/** Whether any shift window is open at `now`: only then does a dark kiosk keep someone from clocking in. */
async function anyWindowOpen(deps: AppDeps, now: Date): Promise<boolean> {
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const instant = DateTime.fromJSDate(now);
  const occurrences = await loadEffectiveOccurrences(deps.db, { ...candidateDates(instant, instant, settings.timezone), zone: settings.timezone });
  return openWindowsAt(occurrences, settings.windowMinutes, now).length > 0;
}

/**
 * Tells managers about each paired kiosk that has been unreachable for
 * longer than the setting while a window is open, once per time it goes dark
 * (a later contact makes `last_seen_at` newer than the alert). Returns the
 * kiosks it told about.
 */
export async function alertDarkKiosks(deps: AppDeps): Promise<number[]> {
  const now = deps.clock.now();
  const { kioskOfflineAlertMinutes } = await getSettings(deps.db, deps.config.orgTimezone);
  const silentSince = new Date(now.getTime() - kioskOfflineAlertMinutes * 60_000);
  const candidates = await findSilentKiosks(deps.db, silentSince);
  if (candidates.length === 0) return [];
  const online = await deps.presence.onlineKioskIds();
  const dark = candidates.filter((kiosk) => !online.has(kiosk.id));
  if (dark.length === 0 || !(await anyWindowOpen(deps, now))) return [];
  const told: number[] = [];
  for (const kiosk of dark) {
    if (!(await claimDarkKioskAlert(deps.db, kiosk.id, now))) continue;
    deps.events.emit('kioskWentDark', { kioskId: kiosk.id, kioskName: kiosk.name, lastSeenAt: kiosk.lastSeenAt, at: now });
    told.push(kiosk.id);
  }
  return told;
}

export const darkKioskCheckEveryMs = 60_000;

/** Runs `alertDarkKiosks` every minute until stopped. */
export function watchForDarkKiosks(deps: AppDeps, everyMs = darkKioskCheckEveryMs): () => void {
  const timer = setInterval(() => deps.background.run('Looking for kiosks gone dark', () => alertDarkKiosks(deps)), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
