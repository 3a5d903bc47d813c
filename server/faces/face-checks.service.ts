/**
 * The face check of punch photos, after their records are stored: never on
 * the kiosk's path, and each photo in a lull between punches
 * (punch-activity.ts). Each process drains the queue one photo at a time (the
 * analyser has one worker thread), claiming each so that two processes never
 * analyse the same photo; at start it picks up whatever a stopped process
 * left. A verdict flags, it never refuses: the punch stands whatever it says.
 */
import type { AppDeps } from '../http/app-env.js';
import { getSettings } from '../settings/settings.queries.js';
import type { FaceAnalyser } from './face-analyser.js';
import { faceVerdict } from './face-match.js';
import { claimFaceCheck, completeFaceCheck, deleteReferenceFaces, findReferenceFace, releaseFaceCheckClaims } from './faces.queries.js';

export type FaceCheckRunner = {
  /** Analyses every photo waiting, in the background; calls while it runs make it look again when done. */
  drain(): void;
};

export function createFaceCheckRunner(deps: AppDeps, analyser: FaceAnalyser): FaceCheckRunner {
  let running = false;
  let lookAgain = false;

  async function checkOne(claimed: { attendanceId: number; staffId: number; photoId: string | null }): Promise<void> {
    const { faceMatchThreshold } = await getSettings(deps.db, deps.config.orgTimezone);
    const bytes = claimed.photoId === null ? undefined : await deps.photos.read(claimed.photoId);
    const reference = await findReferenceFace(deps.db, claimed.staffId);
    // A photo that cannot be read or analysed shows no face anyone can check: that is what a manager should see.
    const analysis = bytes ? await analyser.analyse(bytes).catch((error: unknown) => {
      deps.logger.warn('A punch photo could not be analysed', { attendanceId: claimed.attendanceId, error: String(error) });
      return { faces: 0, descriptor: null };
    }) : { faces: 0, descriptor: null };
    const { verdict, distance } = faceVerdict(analysis, reference?.descriptor ?? null, faceMatchThreshold);
    const at = deps.clock.now();
    await completeFaceCheck(deps.db, { attendanceId: claimed.attendanceId, verdict, distance }, at);
    deps.events.emit('faceChecked', { attendanceId: claimed.attendanceId, staffId: claimed.staffId, verdict, distance, at });
  }

  async function run(): Promise<void> {
    do {
      lookAgain = false;
      // Each photo in a lull between punches: a kiosk waiting for its ack goes first.
      const next = async () => {
        await deps.punches.lull();
        return claimFaceCheck(deps.db, deps.clock.now());
      };
      for (let claimed = await next(); claimed; claimed = await next()) await checkOne(claimed);
    } while (lookAgain);
  }

  return {
    drain() {
      if (running) {
        lookAgain = true;
        return;
      }
      running = true;
      deps.background.run('Checking faces in punch photos', () => run().finally(() => (running = false)));
    },
  };
}

/**
 * Runs the face check for this process: what a stopped process left now
 * (with `onlyProcess`, also the photo it was in the middle of),
 * each new punch as it is stored; and deletes every reference face when a
 * manager turns the check off. Returns the function that stops listening.
 */
export function startFaceChecks(deps: AppDeps, { onlyProcess }: { onlyProcess: boolean }): () => void {
  const runner = createFaceCheckRunner(deps, deps.faces);
  // Not worth failing over: the first photo loads the models itself.
  const prepare = () => deps.faces.prepare().catch((error: unknown) => deps.logger.info('The face models were not loaded ahead', { error: String(error) }));
  // The embedded database has one process: a photo it was analysing when it stopped is nobody's now.
  deps.background.run('Resuming face checks', async () => {
    if (onlyProcess) await releaseFaceCheckClaims(deps.db);
    runner.drain();
    // With the check on, the models load now rather than in front of the first punch.
    if ((await getSettings(deps.db, deps.config.orgTimezone)).faceCheck === 'flag') await prepare();
  });
  const off = [
    deps.events.on('attendanceRecorded', () => runner.drain()),
    deps.events.on('faceCheckTurnedOn', () => deps.background.run('Loading the face models', prepare)),
    deps.events.on('faceCheckTurnedOff', ({ by, at }) =>
      deps.background.run('Deleting reference faces', () => deleteReferenceFaces(deps.db, null, { kind: 'user', id: by }, at, 'the face check was turned off')),
    ),
  ];
  return () => off.forEach((stop) => stop());
}
