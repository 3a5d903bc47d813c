/**
 * The face check's routes, for managers: a staff member's reference face
 * (`/api/staff/:id/reference-photo`) and the review of a flagged punch
 * (`/api/attendance/:id/face-review`).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { notFound } from '../http/errors.js';
import { base64PhotoSchema, decodePhotoField, photoBodyLimit } from '../http/photo-body.js';
import { entityId, idParam, jsonBody, pathParams } from '../http/validate.js';
import { findReferenceFace, reviewFaceCheck } from './faces.queries.js';
import { removeReferenceFace, setReferenceFace } from './reference-faces.service.js';
import { photoUrl } from '../../storage/photo-store.js';

const referenceSchema = z.union(
  [
    z.object({ image: base64PhotoSchema }).strict(),
    z.object({ fromAttendance: entityId('attendance') }).strict(),
  ],
  { error: 'Send {"image": "<base64 photo>"} or {"fromAttendance": <attendance id>}.' },
);

export function createReferenceFaceRoutes(deps: AppDeps) {
  // Manager-only route by route: a `use` here would reach every /api/staff/ route.
  return new Hono<AppEnv>()
    .get('/:id/reference-photo', requireManager, pathParams(idParam('staff')), async (c) => {
      const face = await findReferenceFace(deps.db, c.req.valid('param').id);
      if (!face) throw notFound('This staff member has no reference face.');
      return c.json({ photoUrl: photoUrl(face.photoId), setAt: face.setAt.toISOString() });
    })
    .put(
      '/:id/reference-photo',
      requireManager,
      photoBodyLimit,
      pathParams(idParam('staff')),
      jsonBody(referenceSchema),
      async (c) => {
        const body = c.req.valid('json');
        const source = 'image' in body ? { image: decodePhotoField(body.image, 'image') } : { fromAttendance: body.fromAttendance };
        const set = await setReferenceFace(deps, currentUser(c.get('user')), c.req.valid('param').id, source);
        return c.json({ photoUrl: photoUrl(set.photoId), setAt: set.setAt.toISOString() });
      },
    )
    .delete('/:id/reference-photo', requireManager, pathParams(idParam('staff')), async (c) => {
      await removeReferenceFace(deps, currentUser(c.get('user')), c.req.valid('param').id);
      return c.body(null, 204);
    });
}

const reviewSchema = z.object({ review: z.enum(['confirmed', 'flagged'], { error: 'must be "confirmed" (it was them) or "flagged" (it was not)' }) });

export function createFaceReviewRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/:id/face-review', requireManager, pathParams(idParam('attendance')), jsonBody(reviewSchema), async (c) => {
    const { id } = c.req.valid('param');
    const { review } = c.req.valid('json');
    const done = await reviewFaceCheck(deps.db, id, review, { userId: currentUser(c.get('user')).id, at: deps.clock.now() });
    if (!done) throw notFound(`Punch ${id} has no face check to review (the check was off, or its photo is still being analysed).`);
    return c.json({ attendanceId: id, review });
  });
}
