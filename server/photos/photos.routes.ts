/** `/api/photos/:id`: stored check-in photos, for managers (each view recorded in the ledger) and the photo's own staff member. */
import { Hono } from 'hono';
import { currentUser, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { forbidden, notFound } from '../http/errors.js';
import { photoBelongsToStaff, photoExists } from '../attendance/attendance.queries.js';
import { recordPhotoView } from './photo-views.js';

export function createPhotoRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().use(requireUser).get('/:id', async (c) => {
    const user = currentUser(c.get('user'));
    const id = c.req.param('id').toLowerCase();
    const missing = () => notFound('There is no photo with this id.');
    if (!/^[0-9a-f]{64}$/.test(id) || !(await photoExists(deps.db, id))) throw missing();
    if (user.role !== 'manager' && (user.staffId === null || !(await photoBelongsToStaff(deps.db, id, user.staffId)))) {
      throw forbidden('You can only see your own photos.');
    }
    const bytes = await deps.photos.read(id);
    if (!bytes) throw missing();
    // Recorded before the bytes leave: a view the ledger cannot record is not served.
    if (user.role === 'manager') await recordPhotoView(deps.db, user.id, id, deps.clock.now());
    // Content-addressed: the bytes behind an id never change.
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'image/webp',
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
