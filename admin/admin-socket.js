// The manager's live connection (Socket.IO namespace /admin), authenticated by the session cookie.
import { io } from 'socket.io-client';

/** @param {Record<string, (payload: any) => void>} handlers  event name → handler, plus connect/disconnect */
export function createAdminSocket(handlers) {
  const socket = io('/admin', { transports: ['websocket', 'polling'], withCredentials: true });
  for (const [event, handler] of Object.entries(handlers)) socket.on(event, handler);
  return { close: () => socket.disconnect() };
}
