/**
 * Checking in the people `seedCheckInSite` (seed.ts) made, over a kiosk's
 * socket: each is used once (a repeat would skip the photo work), picked by
 * number, PIN 100000 + n.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';

/** Hands out the people's numbers in order, `count` at a time. */
export function peopleInTurn(): (count: number) => number[] {
  let next = 0;
  return (count) => Array.from({ length: count }, () => next++);
}

/** Person `n`'s PIN at the kiosk: the attempt token. */
export async function identifyAt(kiosk: Socket, n: number): Promise<string> {
  const reply = await kiosk.timeout(30_000).emitWithAck('identify', { pin: String(100000 + n) });
  if (!reply.ok) throw new Error(`identify ${n}: ${JSON.stringify(reply.error)}`);
  return reply.attempt;
}

/** A check-in with the frame given: the attendance record of the ack. */
export async function captureAt(kiosk: Socket, attempt: string, frame: Buffer): Promise<{ photoUrl: string; status: string }> {
  const reply = await kiosk.timeout(30_000).emitWithAck('capture', { attempt, kind: 'check_in', image: frame, requestId: randomUUID() });
  if (!reply.ok || reply.attendance.status === undefined) throw new Error(`capture: ${JSON.stringify(reply.error)}`);
  return reply.attendance;
}
