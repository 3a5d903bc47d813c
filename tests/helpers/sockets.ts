/**
 * Socket.IO building blocks for the socket tests: sign a manager in for a
 * session cookie, pair a kiosk through the API, connect real
 * `socket.io-client` sockets to `/kiosk` and `/admin`, and wait for events
 * with a timeout that fails the test instead of hanging it.
 *
 * @example
 *   const { token } = await pairKiosk(client, { cookie }, 'Front desk');
 *   const kiosk = await connectKiosk(server.url, token);
 *   try {
 *     const reply = await ask(kiosk, 'identify', { pin: '123456' });
 *   } finally {
 *     closeSockets(kiosk);
 *   }
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Auth, Client } from './http.js';

export type { Socket } from 'socket.io-client';

/** Long enough for a loaded CI machine, short enough that a missing event fails fast. */
export const eventTimeoutMs = 5000;

/** Fast reconnection so a test that drops a transport gets its socket back quickly. */
const baseOptions: Partial<ManagerOptions & SocketOptions> = {
  transports: ['websocket'],
  forceNew: true,
  reconnectionDelay: 20,
  reconnectionDelayMax: 50,
  autoConnect: false,
};

/** Signs in through `POST /api/auth/login` and returns the `Cookie` header value of the session. */
export async function signInCookie(client: Client, username: string, password: string): Promise<string> {
  const reply = await client.post('/api/auth/login', { username, password });
  assert.equal(reply.status, 200, `login ${username}: ${reply.text}`);
  const cookie = reply.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('rollcall_session='));
  assert.ok(cookie, `no session cookie for ${username}`);
  return cookie;
}

/** A pairing code made by the manager, used at once by a kiosk called `name`. */
export async function pairKiosk(client: Client, manager: Auth, name = 'Front desk'): Promise<{ kioskId: number; token: string }> {
  const code = await client.post('/api/kiosks/pairing-codes', {}, manager);
  assert.equal(code.status, 201, `pairing code: ${code.text}`);
  const paired = await client.post('/api/kiosks/pair', { code: code.body.code, name });
  assert.equal(paired.status, 201, `pair: ${paired.text}`);
  return paired.body;
}

/** Rejects when `promise` has not settled within `ms`, naming what was awaited. */
export function within<T>(promise: Promise<T>, what: string, ms = eventTimeoutMs): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The next `event` on the socket (its first argument), or a rejection after `ms`. */
export function nextEvent<T = any>(socket: Socket, event: string, ms = eventTimeoutMs): Promise<T> {
  let listener: (value: T) => void;
  const arrived = new Promise<T>((resolve) => {
    listener = resolve;
    socket.once(event, listener);
  });
  return within(arrived, `"${event}"`, ms).finally(() => socket.off(event, listener));
}

/** The next `event` whose payload satisfies `match`. */
export function nextEventWhere<T = any>(socket: Socket, event: string, match: (payload: T) => boolean, ms = eventTimeoutMs): Promise<T> {
  let listener: (value: T) => void;
  const arrived = new Promise<T>((resolve) => {
    listener = (value: T) => {
      if (match(value)) resolve(value);
    };
    socket.on(event, listener);
  });
  return within(arrived, `a matching "${event}"`, ms).finally(() => socket.off(event, listener));
}

/** Emits with an acknowledgement and resolves with the ack, or rejects after `ms`. */
export async function ask<T = any>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  try {
    return (await socket.timeout(eventTimeoutMs).emitWithAck(event, ...args)) as T;
  } catch (error) {
    throw new Error(`No ack for "${event.slice(0, 40)}": ${(error as Error).message}`);
  }
}

/** Connects a socket that was built with `autoConnect: false`; rejects with the `connect_error`. */
function open(socket: Socket, what: string): Promise<Socket> {
  const connected = new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  socket.connect();
  return within(connected, what).catch((error) => {
    socket.close();
    throw error;
  });
}

export function kioskSocket(url: string, token: unknown): Socket {
  return io(`${url}/kiosk`, { ...baseOptions, auth: { token } });
}

export function connectKiosk(url: string, token: string): Promise<Socket> {
  return open(kioskSocket(url, token), 'the kiosk socket to connect');
}

export type ManagerConnection = { socket: Socket; snapshot: Promise<any> };

/**
 * A manager's `/admin` socket. The `snapshot` listener is attached before
 * connecting, so the event the server sends on connect cannot be missed.
 */
export async function connectManager(url: string, cookie: string): Promise<ManagerConnection> {
  const socket = io(`${url}/admin`, { ...baseOptions, extraHeaders: { cookie } });
  const snapshot = nextEvent(socket, 'snapshot');
  snapshot.catch(() => {}); // Awaited by the tests that want it; a timeout elsewhere must not go unhandled.
  await open(socket, 'the manager socket to connect');
  return { socket, snapshot };
}

/** Connects and expects the server to refuse: resolves with the `connect_error` message. */
export async function refusal(socket: Socket): Promise<string> {
  try {
    await open(socket, 'a connect_error');
  } catch (error) {
    return (error as Error).message;
  }
  socket.close();
  throw new Error('The server accepted a connection it should have refused');
}

/**
 * A kiosk's two steps: `identify` with the PIN, then `capture` with the
 * frame; fails unless both succeed, and returns the capture's `attendance`.
 */
export async function checkInAtKiosk(kiosk: Socket, pin: string, frame: Buffer, kind: 'check_in' | 'check_out' = 'check_in'): Promise<any> {
  const identified = await ask(kiosk, 'identify', { pin });
  assert.equal(identified.ok, true, `identify: ${JSON.stringify(identified)}`);
  const captured = await ask(kiosk, 'capture', { attempt: identified.attempt, kind, image: frame, requestId: randomUUID() });
  assert.equal(captured.ok, true, `capture: ${JSON.stringify(captured)}`);
  return captured.attendance;
}

export function closeSockets(...sockets: (Socket | undefined)[]): void {
  for (const socket of sockets) socket?.close();
}
