/**
 * A staff member's reference face, set by a manager from an uploaded photo
 * or from one of the person's own punch photos. It must show exactly one
 * face: otherwise every later verdict would compare against nothing useful.
 * The photo is analysed as it is stored (the same conversion as a punch
 * photo), so a reference and a punch are compared like for like.
 */
import { processPhoto } from '../../storage/photo-processing.js';
import type { AuthUser, AppDeps } from '../http/app-env.js';
import { domainError } from '../domain-error.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { getSettings } from '../settings/settings.queries.js';
import { deleteReferenceFaces, findPunchPhoto, findStaffForFace, saveReferenceFace } from './faces.queries.js';

export type ReferenceSource = { image: Uint8Array } | { fromAttendance: number };

export async function setReferenceFace(deps: AppDeps, user: AuthUser, staffId: number, source: ReferenceSource): Promise<{ photoId: string; setAt: Date }> {
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  if (settings.faceCheck !== 'flag') throw domainError.conflict('face_check_off', 'The face check is off. Turn it on in Settings before setting reference faces.');
  const person = await findStaffForFace(deps.db, staffId);
  if (!person) throw domainError.notFound(`There is no staff member with id ${staffId}.`);
  if (!person.active) throw domainError.conflict('staff_inactive', `${person.name} is deactivated: their face is not kept.`);

  let stored: { photoId: string; bytes: Uint8Array; save?: Parameters<typeof deps.photos.saveWith>[1] };
  if ('image' in source) {
    const processed = await processPhoto(source.image);
    if (!processed.ok) throw domainError.invalid(processed.code, processed.message, { image: [processed.message] });
    stored = { photoId: processed.photo.id, bytes: processed.photo.data, save: processed.photo };
  } else {
    const punch = await findPunchPhoto(deps.db, source.fromAttendance);
    if (!punch || punch.staffId !== staffId) throw domainError.notFound(`${person.name} has no punch with id ${source.fromAttendance}.`);
    const bytes = punch.photoId === null ? undefined : await deps.photos.read(punch.photoId);
    if (!bytes) throw domainError.conflict('photo_gone', 'That punch has no photo any more (it was removed by the retention purge).');
    stored = { photoId: punch.photoId!, bytes };
  }

  const analysis = await deps.faces.analyse(stored.bytes);
  if (analysis.faces > 1) throw domainError.unprocessable('several_faces', `This photo shows ${analysis.faces} faces. Use a photo of ${person.name} alone.`);
  if (analysis.faces === 0 || !analysis.descriptor) throw domainError.unprocessable('no_face', 'No face found in this photo. Use a clear, front-on photo of the face.');
  const at = deps.clock.now();
  const { save } = stored;
  if (save) await deps.photos.prepare(save);
  await ledgerTransaction(deps.db, async (tx) => {
    if (save) await deps.photos.saveWith(tx, save);
    await saveReferenceFace(tx, { staffId, photoId: stored.photoId, descriptor: analysis.descriptor! }, { userId: user.id, at });
  });
  return { photoId: stored.photoId, setAt: at };
}

export async function removeReferenceFace(deps: AppDeps, user: AuthUser, staffId: number): Promise<void> {
  const deleted = await deleteReferenceFaces(deps.db, [staffId], { kind: 'user', id: user.id }, deps.clock.now(), 'removed by a manager');
  if (deleted.length === 0) throw domainError.notFound('This staff member has no reference face.');
}
