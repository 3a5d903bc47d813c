// @ts-check
// Dates and times in the organisation's time zone, whatever the browser's.

/** @typedef {string | number | Date} Instant  an ISO string, epoch milliseconds or a Date */

/**
 * Formatters for one zone (undefined: the browser's). Building Intl formatters
 * is not free, so the app state builds one set per zone, not per render.
 * @param {string | undefined} timeZone  an IANA name
 */
export function createFormat(timeZone) {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const longDay = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const calendar = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    time: (/** @type {Instant} */ value) => time.format(new Date(value)),
    day: (/** @type {Instant} */ value) => day.format(new Date(value)),
    longDay: (/** @type {Instant} */ value) => longDay.format(new Date(value)),
    dateTime: (/** @type {Instant} */ value) => dateTime.format(new Date(value)),
    /** A calendar date (YYYY-MM-DD) as "Mon 23 Nov": no zone applies to a date. */
    calendarDay: (/** @type {string} */ date) => calendar.format(new Date(`${date}T00:00:00Z`)),
    /** YYYY-MM-DD in the org's zone. */
    date: (/** @type {Instant} */ value) => isoDate.format(new Date(value)),
  };
}

/**
 * A calendar date (YYYY-MM-DD) moved by whole days, without time zones involved.
 * @param {string} date
 * @param {number} days
 */
export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(y, m - 1, d + days));
  return moved.toISOString().slice(0, 10);
}

/** The Monday on or before a calendar date. @param {string} date */
export function mondayOf(date) {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** @type {Record<import('../server/socket-contract.js').OccurrenceState, string>} */
export const stateLabels = {
  upcoming: 'Upcoming',
  open: 'Window open',
  checked_in: 'Checked in',
  late: 'Late',
  missed: 'Missed',
  checked_out: 'Checked out',
};

/** HH:MM from "HH:MM:SS". */
export const shortTime = (/** @type {string | undefined} */ text) => (text ?? '').slice(0, 5);
