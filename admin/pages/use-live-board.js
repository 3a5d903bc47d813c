// @ts-check
// The Live page's data: today's board from the shared /admin connection,
// kept current by check-ins and kiosk changes, fetched again after every
// (re)connect and at local midnight, when the board's day ends; and the
// stored alerts (alerts-state.js), with who acknowledged each.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useAppState } from '../app-state.js';
import { mergeSnapshot, nextChangeAt, withKiosk, withOccurrence } from '../board-state.js';
import { useWatchedValue } from '../watched-value.js';

/**
 * @typedef {import('../../server/socket-contract.js').Snapshot} Snapshot
 */

// States change with time (a window opens, a shift is missed): re-render this often.
const tickMs = 30_000;
// How long a new connection's own snapshot may take before the board asks for one.
const snapshotGraceMs = 3_000;
// The server's clock may be a little behind the browser's: ask just after its midnight.
const midnightMarginMs = 1_000;

export function useLiveBoard() {
  const app = useAppState();
  const { socket } = app;
  const connected = useWatchedValue(socket.connected);
  const [board, setBoard] = useState(/** @type {Snapshot | null} */ (null));
  const alerts = useWatchedValue(app.alerts.list);
  const alertsError = useWatchedValue(app.alerts.problem);
  const [now, setNow] = useState(Date.now());
  const fetching = useRef(false);
  const openedConnected = useRef(connected);
  const snapshotsTaken = useRef(0);

  const takeSnapshot = useCallback((/** @type {Snapshot} */ snapshot) => {
    snapshotsTaken.current += 1;
    setBoard((current) => mergeSnapshot(current, snapshot));
    // The board carries the server's zone: a change made in another tab shows here too.
    app.updateSettings({ timezone: snapshot.timezone });
  }, []);

  const refresh = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    try {
      takeSnapshot(await socket.fetchSnapshot());
    } catch {
      // Not connected or no answer: the next reconnect or tick asks again.
    } finally {
      fetching.current = false;
    }
  }, []);

  useEffect(() => {
    const unsubscribe = [
      socket.on('snapshot', takeSnapshot),
      socket.on('attendance:created', (event) => setBoard((current) => current && withOccurrence(current, event.occurrence))),
      socket.on('attendance:voided', (event) => setBoard((current) => current && withOccurrence(current, event.occurrence))),
      socket.on('attendance:face', (event) => setBoard((current) => current && withOccurrence(current, event.occurrence))),
      socket.on('kiosk:status', (status) => setBoard((current) => current && withKiosk(current, status))),
    ];
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => {
      clearInterval(timer);
      unsubscribe.forEach((off) => off());
    };
  }, []);

  // Every new connection brings its own snapshot (the server sends one on connect), so the board
  // asks only when it opens on a connection already up, whose snapshot went by before it listened,
  // or when a connection's snapshot has not come within a few seconds.
  useEffect(() => {
    if (!connected) return;
    if (openedConnected.current) {
      openedConnected.current = false;
      refresh();
      return;
    }
    const before = snapshotsTaken.current;
    const timer = setTimeout(() => snapshotsTaken.current === before && refresh(), snapshotGraceMs);
    return () => clearTimeout(timer);
  }, [connected]);

  // At midnight the board's day ends: a timer for the moment, and the tick in case the timer was held up (a sleeping laptop).
  const refreshAt = board ? Date.parse(board.refreshAt) : NaN;
  useEffect(() => {
    const wait = refreshAt - Date.now();
    if (!(wait > 0)) return;
    const timer = setTimeout(refresh, wait + midnightMarginMs);
    return () => clearTimeout(timer);
  }, [refreshAt]);
  useEffect(() => {
    if (now >= refreshAt + midnightMarginMs) refresh();
  }, [now]);

  // A window opening or a shift being missed shows at its minute, not at the next tick.
  const nextChange = board ? nextChangeAt(board.occurrences, now) : null;
  useEffect(() => {
    if (nextChange === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, nextChange - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [nextChange]);

  return { board, connected, alerts, alertsError, acknowledgeAlert: app.alerts.acknowledge, acknowledgeAll: app.alerts.acknowledgeAll };
}
