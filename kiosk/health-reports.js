// @ts-check
/**
 * The kiosk tells the server how it is every minute, and at once when its
 * camera or its queue of saved punches changes: managers see it on the
 * Kiosks page, and are alerted when the camera fails.
 */
import { useEffect } from 'preact/hooks';

/** @typedef {import('./kiosk-socket.js').KioskSocket} KioskSocket */
/** @typedef {import('./check-in-flow.js').FlowState} FlowState */

const everyMs = 60_000;

/** The release this page was loaded from (its modules' path, /kiosk/r/<release>/…), or "dev" when served unversioned. */
export const appVersion = /\/r\/([^/]+)\//.exec(import.meta.url)?.[1] ?? 'dev';

/**
 * @param {{ current: KioskSocket | null }} socketRef
 * @param {FlowState} state
 */
export function useHealthReports(socketRef, state) {
  const { camera } = state;
  const { connected } = state.connection;
  const { waiting } = state.offline;
  useEffect(() => {
    if (!connected) return;
    const report = () =>
      socketRef.current
        ?.reportHealth({ camera: camera.state, ...(camera.state === 'failed' && { cameraError: camera.error.slice(0, 300) }), queue: waiting, version: appVersion })
        .catch(() => {});
    report();
    const timer = setInterval(report, everyMs);
    return () => clearInterval(timer);
  }, [connected, camera.state, waiting]);
}
