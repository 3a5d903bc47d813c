/** `/api/photos/:id`: stored check-in photos, for managers (views recorded in the ledger, once per manager, photo and day) and the photo's own staff member. */
import { Hono } from 'hono';
import { currentUser, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { forbidden, notFound } from '../http/errors.js';
import { photoBelongsToStaff, photoExists } from '../attendance/attendance.queries.js';
import { isPhotoId } from '../../storage/photo-store.js';
import { orgToday } from '../settings/settings.queries.js';
import { recordPhotoView } from './photo-views.queries.js';

export function createPhotoRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().use(requireUser).get('/:id', async (c) => {
    const user = currentUser(c.get('user'));
    const id = c.req.param('id').toLowerCase();
    const missing = () => notFound('There is no photo with this id.');
    if (!isPhotoId(id) || !(await photoExists(deps.db, id))) throw missing();
    if (user.role !== 'manager' && (user.staffId === null || !(await photoBelongsToStaff(deps.db, id, user.staffId)))) {
      throw forbidden('You can only see your own photos.');
    }
    // Content-addressed: the bytes behind an id never change, so the id is the entity tag.
    const etag = `"${id}"`;
    const cached = (c.req.header('If-None-Match') ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
    const bytes = cached ? undefined : await deps.photos.read(id);
    if (!cached && !bytes) throw missing();
    // Recorded before the photo is shown (also when the browser shows its cached copy): a view the ledger cannot record is not served.
    if (user.role === 'manager') {
      const at = deps.clock.now();
      await recordPhotoView(deps.db, { managerId: user.id, photoId: id, day: await orgToday(deps.db, deps.config.orgTimezone, at), at });
    }
    const headers = { ETag: etag, 'Cache-Control': 'private, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' };
    if (cached) return c.body(null, 304, headers);
    return c.body(new Uint8Array(bytes!), 200, { ...headers, 'Content-Type': 'image/webp' });
  });
}
