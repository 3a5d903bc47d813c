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

/**
 * In the organisation's locale and clock, as the admin app writes them.
 * @param {string | undefined} timeZone
 * @param {{ locale?: string, clock?: '24h' | '12h' }} [formats]
 */
export function createTimeFormat(timeZone, { locale = 'en-GB', clock = '24h' } = {}) {
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: clock === '12h' ? 'h12' : 'h23' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  return { time: (value) => time.format(value), date: (value) => date.format(value) };
}
