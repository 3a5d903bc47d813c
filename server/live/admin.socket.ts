/**
 * The `/admin` namespace: managers connect with their session cookie, get a
 * `snapshot` of today's board, then every `attendance:created`,
 * `kiosk:status` and `alert` as it happens; `snapshot:fetch` asks for a
 * fresh board (after midnight, say).
 */
import { parse } from 'hono/utils/cookie';
import { sessionCookieName, validateSessionToken } from '../auth/session.js';
import { findAccountState } from '../auth/users.queries.js';
import type { AppDeps } from '../http/app-env.js';
import { fromNodeHeaders, judgeSender } from '../http/same-origin.js';
import type { AdminNamespace } from '../http/socket-server.js';
import { loadSnapshot } from './board.js';

/** The room of one cookie session's sockets, so ending the session can close them on every process. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

export function registerAdminNamespace(nsp: AdminNamespace, deps: AppDeps): void {
  nsp.use(async (socket, next) => {
    // A page on another origin could otherwise read the board with the manager's cookie.
    const sender = judgeSender({ headers: fromNodeHeaders(socket.handshake.headers), secure: socket.handshake.secure }, deps.config);
    if (!sender.ok) return next(new Error('cross_origin'));
    try {
      const token = parse(socket.handshake.headers.cookie ?? '', sessionCookieName)[sessionCookieName];
      const session = token ? await validateSessionToken(deps.db, token, deps.clock.now()) : null;
      const user = session ? await findAccountState(deps.db, session.userId) : undefined;
      if (!session || !user?.active) return next(new Error('unauthorized'));
      if (user.role !== 'manager') return next(new Error('forbidden'));
      socket.data.userId = user.id;
      socket.data.sessionId = session.id;
      // Signing out, or being cut off, closes the connections of that session (see realtime.ts).
      await socket.join(sessionRoom(session.id));
      next();
    } catch (error) {
      deps.logger.error('Admin handshake failed', { error: String(error) });
      next(new Error('unavailable'));
    }
  });

  nsp.on('connection', async (socket) => {
    socket.on('snapshot:fetch', async (ack: unknown) => {
      if (typeof ack !== 'function') return;
      try {
        ack(await loadSnapshot(deps));
      } catch (error) {
        deps.logger.error('Snapshot failed', { error: describe(error) });
      }
    });
    try {
      socket.emit('snapshot', await loadSnapshot(deps));
    } catch (error) {
      deps.logger.error('Snapshot failed', { error: describe(error) });
    }
  });
}
