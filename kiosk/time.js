// @ts-check
// The clock, in the organisation's time zone rather than the laptop's.
import { useEffect, useState } from 'preact/hooks';

/** The current time in milliseconds, updated every second. */
export function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** @param {string | undefined} timeZone */
export function createTimeFormat(timeZone) {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  return { time: (value) => time.format(value), date: (value) => date.format(value) };
}
