// @ts-check
// A value that tells its readers when it changes: the small part of Preact
// signals this app needs (signals are not installed, and there is no bundler
// to add them), so app state can be built once and shared through context.
import { useEffect, useState } from 'preact/hooks';

/**
 * @template T
 * @typedef {{ readonly value: T, set: (next: T) => void, subscribe: (listener: (value: T) => void) => () => void }} WatchedValue
 */

/**
 * @template T
 * @param {T} initial
 * @returns {WatchedValue<T>}
 * @example
 *   const zone = createWatchedValue('Europe/London');
 *   const stop = zone.subscribe((next) => console.log(next));
 *   zone.set('Asia/Tokyo'); // logs "Asia/Tokyo"; setting the same value again does nothing
 */
export function createWatchedValue(initial) {
  let value = initial;
  /** @type {Set<(value: T) => void>} */
  const listeners = new Set();
  return {
    get value() {
      return value;
    },
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The value now, re-rendering the component whenever it changes.
 * @template T
 * @param {WatchedValue<T>} watched
 * @returns {T}
 */
export function useWatchedValue(watched) {
  const [value, setValue] = useState(() => watched.value);
  useEffect(() => {
    // It may have changed between the render and this effect.
    setValue(() => watched.value);
    return watched.subscribe((next) => setValue(() => next));
  }, [watched]);
  return value;
}
