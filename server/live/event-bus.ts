/**
 * Domain events raised by the features, for the realtime layer to forward
 * to connected managers. Features emit; they never know who listens.
 */
import { EventEmitter } from 'node:events';
import type { Alert, AttendanceCreated } from './contract.js';

export type LiveEvents = {
  /** A check-in or check-out was recorded (kiosk or API). */
  'attendance:created': [event: AttendanceCreated];
  /** A manager revoked a kiosk: its connections must end now. */
  'kiosk:revoked': [kiosk: { id: number }];
  'alert': [alert: Alert];
  /** A swap accepted by both staff members now waits for a manager's decision. */
  'swap:awaiting_manager': [swap: { id: number; proposer: number; counterpart: number }];
  /** A swap changed state (any transition). */
  'swap:updated': [swap: { id: number; status: string; proposer: number; counterpart: number }];
};

export type EventBus = {
  emit<K extends keyof LiveEvents>(event: K, ...args: LiveEvents[K]): void;
  on<K extends keyof LiveEvents>(event: K, listener: (...args: LiveEvents[K]) => void): () => void;
};

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  return {
    emit(event, ...args) {
      emitter.emit(event, ...args);
    },
    on(event, listener) {
      emitter.on(event, listener as (...args: unknown[]) => void);
      return () => emitter.off(event, listener as (...args: unknown[]) => void);
    },
  };
}
