/**
 * What anyone can do before authenticating: open an Engine.IO connection and
 * send frames. A connection that joins no namespace (neither `/kiosk` nor
 * `/admin`, or only the refused default one) is closed by the server after
 * `socketConnectTimeoutMs`; one that joined stays. A frame over the
 * transport limit ends such a connection at once. The clients are
 * socket.io-client `Manager`s, which open the Engine.IO connection without
 * any namespace; the test waits for the server's close, not for a clock.
 */
import assert from 'node:assert/strict';
import { Manager } from 'socket.io-client';
import { test } from 'uvu';
import { socketConnectTimeoutMs, socketMaxFrameBytes } from '../../server/http/socket-server.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, connectManager, within } from '../helpers/sockets.js';

const ctx = useSocketSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC', kiosk: 'Front desk' });

type RawConnection = { manager: Manager; opened: Promise<void>; closed: Promise<string> };

/** An Engine.IO connection over WebSocket, with no namespace and no reconnection. */
function rawConnection(): RawConnection {
  const manager = new Manager(ctx.server.url, { transports: ['websocket'], reconnection: false });
  const opened = new Promise<void>((resolve, reject) => {
    manager.once('open', () => resolve());
    manager.once('error', reject);
  });
  const closed = new Promise<string>((resolve) => manager.once('close', (reason) => resolve(reason)));
  return { manager, opened, closed };
}

test('connections that join no namespace are closed by the server after the connect timeout; joined ones stay', async () => {
  const admin = await ctx.track(connectManager(ctx.server.url, ctx.cookie).then((connection) => connection.socket));
  const started = performance.now();
  const idle = rawConnection();
  const refused = rawConnection();
  try {
    await Promise.all([idle.opened, refused.opened]);
    // The second asks for the default namespace, which refuses everyone: that is not joining one either.
    // (The Engine.IO message '0' is the Socket.IO packet CONNECT to '/'; the answer is CONNECT_ERROR, type 4.)
    const refusal = new Promise<unknown>((resolve) => refused.manager.once('packet', resolve));
    refused.manager.engine.write('0');
    assert.deepEqual(await within(refusal, 'the default namespace’s refusal'), { type: 4, nsp: '/', data: { message: 'not_found' } });

    const upperBound = socketConnectTimeoutMs + 15_000;
    const reasons = await within(Promise.all([idle.closed, refused.closed]), 'the server to close both connections', upperBound);
    const elapsed = performance.now() - started;
    assert.deepEqual(reasons, ['transport close', 'transport close'], 'closed by the server, not by the client');
    // Timers may fire a millisecond early; never seconds.
    assert.ok(elapsed >= socketConnectTimeoutMs - 50, `closed after ${elapsed.toFixed(0)} ms, before the ${socketConnectTimeoutMs} ms timeout`);
  } finally {
    idle.manager.engine?.close();
    refused.manager.engine?.close();
  }
  // The kiosk and the manager joined their namespaces before the raw connections opened, so their own timeouts have passed too.
  assert.equal(ctx.kiosk.connected, true);
  assert.equal(admin.connected, true);
  assert.equal((await ask(ctx.kiosk, 'identify', { pin: '000000' })).error.code, 'invalid_pin');
});

test('a frame over the transport limit from a connection with no namespace ends it at once', async () => {
  const raw = rawConnection();
  try {
    await raw.opened;
    raw.manager.engine.write(Buffer.alloc(socketMaxFrameBytes + 1, 1));
    // Well inside the connect timeout: it was the frame, not the timer.
    assert.equal(await within(raw.closed, 'the server to drop the connection', socketConnectTimeoutMs / 2), 'transport close');
  } finally {
    raw.manager.engine?.close();
  }
  assert.equal(ctx.kiosk.connected, true);
});

test.run();
