/**
 * Wires Socket.IO to the app: the `/kiosk` and `/admin` namespaces, the
 * PostgreSQL adapter that carries events between server processes when a
 * database server is used, and the forwarding of domain events to managers.
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import type { Server } from 'socket.io';
import type { AppDeps } from '../http/app-env.js';
import { kioskRoom, registerKioskNamespace } from '../kiosk/kiosk.socket.js';
import { registerAdminNamespace } from './admin.socket.js';

export function attachRealtime(io: Server, deps: AppDeps, pool: pg.Pool | undefined): () => void {
  if (pool) {
    io.adapter(createAdapter(pool, { errorHandler: (error) => deps.logger.warn('Socket.IO adapter error', { error: error.message }) }));
  }
  const admin = io.of('/admin');
  const kiosk = io.of('/kiosk');

  registerAdminNamespace(admin, deps);
  registerKioskNamespace(kiosk, deps, {
    onOnline(k) {
      admin.emit('kiosk:status', { id: k.id, name: k.name, online: true, lastSeenAt: deps.clock.now().toISOString() });
    },
    onMaybeOffline(k) {
      void kiosk
        .in(kioskRoom(k.id))
        .fetchSockets()
        .then((left) => {
          if (left.length === 0) admin.emit('kiosk:status', { id: k.id, name: k.name, online: false, lastSeenAt: deps.clock.now().toISOString() });
        })
        .catch(() => {});
    },
  });

  /** Tells this process's sockets of a revoked kiosk why, then ends them: both local and synchronous, so in that order. */
  const endRevokedKiosk = (id: number) => {
    kiosk.local.in(kioskRoom(id)).emit('kiosk:revoked', { message: 'This kiosk has been revoked by a manager. Pair it again to use it.' });
    kiosk.local.in(kioskRoom(id)).disconnectSockets();
  };
  // Another process revoked a kiosk: end its sockets here.
  const onRevokedElsewhere = ({ id }: { id: number }) => endRevokedKiosk(id);
  kiosk.on('kiosk:revoked', onRevokedElsewhere);

  const unsubscribe = [
    deps.events.on('attendance:created', (event) => admin.emit('attendance:created', event)),
    deps.events.on('alert', (alert) => admin.emit('alert', alert)),
    deps.events.on('swap:updated', (swap) => admin.emit('swap:updated', swap)),
    deps.events.on('swap:awaiting_manager', (swap) =>
      admin.emit('alert', { type: 'swap_awaiting_manager', message: `Swap ${swap.id} is waiting for a manager's approval.`, at: deps.clock.now().toISOString(), swapId: swap.id }),
    ),
    deps.events.on('kiosk:revoked', ({ id }) => {
      endRevokedKiosk(id);
      // One message per process: an adapter-wide emit and disconnect are two messages, and the disconnect can overtake the notice.
      if (pool) kiosk.serverSideEmit('kiosk:revoked', { id });
    }),
  ];
  unsubscribe.push(() => kiosk.off('kiosk:revoked', onRevokedElsewhere));
  return () => unsubscribe.forEach((off) => off());
}
