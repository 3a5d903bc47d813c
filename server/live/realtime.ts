/**
 * Wires Socket.IO to the app: the `/kiosk` and `/admin` namespaces, the
 * PostgreSQL adapter that carries events between server processes when a
 * database server is used, and the turning of domain events into what
 * connected managers and kiosks are sent.
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import type { DomainEvents } from '../domain-events.js';
import type { AppDeps } from '../http/app-env.js';
import { adminNamespace, kioskNamespace, type RollcallIo } from '../http/socket-server.js';
import { findKiosk } from '../kiosk/kiosks.queries.js';
import { kioskRoom, registerKioskNamespace } from '../kiosk/kiosk.socket.js';
import type { KioskRevoked, RaisedAlert } from '../socket-contract.js';
import { insertAlert } from '../alerts/alerts.queries.js';
import { attendanceSummary, findRecordById, type AttendanceRecord } from '../attendance/attendance.queries.js';
import { listStaffNames } from '../staff/staff.queries.js';
import { registerAdminNamespace, sessionRoom } from './admin.socket.js';
import {
  faceCheckAlert,
  forgottenCheckOutAlert,
  kioskCameraAlert,
  kioskDarkAlert,
  lateArrivalAlert,
  lockoutAlert,
  offlinePunchRefusedAlert,
  pinCapAlert,
  punchCancelledAlert,
  swapAwaitingAlert,
} from './alerts.js';
import { voidJustTakenPunch } from '../timesheets/corrections.service.js';
import { getSettings } from '../settings/settings.queries.js';
import { addDays } from '../roster/occurrences.js';
import { loadBoardOccurrence, loadSnapshot } from './board.js';

export function attachRealtime(io: RollcallIo, deps: AppDeps, pool: pg.Pool | undefined): () => void {
  if (pool) {
    io.adapter(createAdapter(pool, { errorHandler: (error) => deps.logger.warn('Socket.IO adapter error', { error: error.message }) }));
  }
  const admin = adminNamespace(io);
  const kiosk = kioskNamespace(io);

  registerAdminNamespace(admin, deps);
  registerKioskNamespace(kiosk, deps, {
    voidJustTaken: (k, attendanceId) => voidJustTakenPunch(deps, k, attendanceId),
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
  const endRevokedKiosk = (revoked: KioskRevoked) => {
    kiosk.local.in(kioskRoom(revoked.kioskId)).emit('kiosk:revoked', revoked);
    kiosk.local.in(kioskRoom(revoked.kioskId)).disconnectSockets();
  };
  // Another process revoked a kiosk: end its sockets here.
  kiosk.on('kiosk:revoked', endRevokedKiosk);

  /** Stores the alert (so a reload or a manager who connects later sees it), then tells every manager. */
  const raise = async (alert: RaisedAlert) => admin.emit('alert', await insertAlert(deps.db, alert));
  const raising = (alert: () => RaisedAlert | Promise<RaisedAlert>) => deps.background.run('Raising an alert', async () => raise(await alert()));

  /** Alerts and board rows name people; a profile gone since still gets a name. */
  const staffNameOf = async (staffId: number) => (await listStaffNames(deps.db, [staffId])).get(staffId) ?? `Staff ${staffId}`;

  const organisationZone = async () => (await getSettings(deps.db, deps.config.orgTimezone)).timezone;

  /** A new punch, as managers see it: with names, the kiosk and the board row it changes. */
  const announceAttendance = async (record: AttendanceRecord) => {
    const staffName = await staffNameOf(record.staffId);
    const kioskName = record.kioskId === null ? null : ((await findKiosk(deps.db, record.kioskId))?.name ?? null);
    admin.emit('attendance:created', {
      ...attendanceSummary(record),
      staffName,
      shiftId: record.shiftId,
      date: record.occurrenceDate,
      kioskId: record.kioskId,
      kioskName,
      occurrence: await loadBoardOccurrence(deps, record, staffName),
    });
    const late = lateArrivalAlert(record, staffName);
    if (late) await raise(late);
  };

  /** A face verdict, as managers see it: the board row with it, and an alert when someone should look. */
  const announceFaceCheck = async (checked: DomainEvents['faceChecked'][0]) => {
    const record = await findRecordById(deps.db, checked.attendanceId);
    if (!record) return;
    const staffName = await staffNameOf(record.staffId);
    const face = { verdict: checked.verdict, distance: checked.distance, review: null };
    admin.emit('attendance:face', { attendanceId: record.id, staffId: record.staffId, staffName, face, occurrence: await loadBoardOccurrence(deps, record, staffName) });
    const alert = faceCheckAlert(checked, record, staffName, await organisationZone());
    if (alert) await raise(alert);
  };

  /** A voided punch, as managers see it: the board row without it, and from a kiosk's *Not you?* an alert. */
  const announceVoid = async ({ record, by, at }: DomainEvents['punchVoided'][0]) => {
    const staffName = await staffNameOf(record.staffId);
    admin.emit('attendance:voided', {
      id: record.id,
      staffId: record.staffId,
      staffName,
      kind: record.kind,
      shiftId: record.shiftId,
      date: record.occurrenceDate,
      voidedBy: by,
      occurrence: await loadBoardOccurrence(deps, record, staffName),
    });
    if (by.kind === 'kiosk') {
      await raise(punchCancelledAlert(record, staffName, by.name, await organisationZone(), at));
    }
  };

  const unsubscribe = [
    deps.events.on('punchVoided', (voided) => deps.background.run('Announcing a voided punch', () => announceVoid(voided), { attendanceId: voided.record.id })),
    deps.events.on('attendanceRecorded', (record) => {
      deps.background.run('Announcing attendance', () => announceAttendance(record), { attendanceId: record.id });
    }),
    deps.events.on('pinLockoutStarted', (...lockout) => raising(() => lockoutAlert(lockout))),
    deps.events.on('pinCapReached', (...lockout) => raising(() => pinCapAlert(lockout))),
    // Adapter-wide: the kiosk's page may be connected to another process.
    deps.events.on('kioskUnlocked', ({ kioskId, kioskName, at }) => {
      const unlocked = { kioskId, name: kioskName, at: at.toISOString() };
      kiosk.in(kioskRoom(kioskId)).emit('kiosk:unlocked', unlocked);
      admin.emit('kiosk:unlocked', unlocked);
    }),
    // Adapter-wide: the sockets close on whichever process holds them.
    deps.events.on('sessionsEnded', ({ sessionIds }) => {
      if (sessionIds.length > 0) admin.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
    }),
    deps.events.on('forgottenCheckOutNoticed', (...noticed) => raising(() => forgottenCheckOutAlert(noticed))),
    deps.events.on('offlinePunchRefused', (...refused) =>
      raising(async () => {
        const [{ staffId }] = refused;
        return offlinePunchRefusedAlert(refused, staffId === undefined ? null : await staffNameOf(staffId), await organisationZone());
      }),
    ),
    deps.events.on('kioskWentDark', (...dark) => raising(async () => kioskDarkAlert(dark, await organisationZone()))),
    deps.events.on('faceChecked', (checked) => deps.background.run('Announcing a face check', () => announceFaceCheck(checked), { attendanceId: checked.attendanceId })),
    deps.events.on('kioskCameraFailed', (...failed) => raising(() => kioskCameraAlert(failed))),
    deps.events.on('swapAwaitingManager', (...swap) =>
      raising(async () => {
        const [{ proposer, counterpart }] = swap;
        const names = await listStaffNames(deps.db, [proposer, counterpart]);
        const name = (id: number) => names.get(id) ?? `Staff ${id}`;
        return swapAwaitingAlert(swap, { proposer: name(proposer), counterpart: name(counterpart) }, deps.clock.now());
      }),
    ),
    // The board shows today and the night from yesterday: a change to either sends every manager a new one.
    deps.events.on('rosterChanged', ({ dates }) => {
      deps.background.run('Sending the changed board', async () => {
        const snapshot = await loadSnapshot(deps);
        if (dates.some((date) => date === snapshot.date || date === addDays(snapshot.date, -1))) admin.emit('snapshot', snapshot);
      });
    }),
    deps.events.on('alertsAcknowledged', ({ ids, by, at }) => admin.emit('alert:acknowledged', { ids, by, at: at.toISOString() })),
    deps.events.on('kioskRevoked', (revoked) => {
      endRevokedKiosk(revoked);
      // One message per process: an adapter-wide emit and disconnect are two messages, and the disconnect can overtake the notice.
      if (pool) kiosk.serverSideEmit('kiosk:revoked', revoked);
    }),
    () => kiosk.off('kiosk:revoked', endRevokedKiosk),
  ];
  return () => unsubscribe.forEach((off) => off());
}
