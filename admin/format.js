// @ts-check
// Dates and times in the organisation's time zone, whatever the browser's.

/** @typedef {string | number | Date} Instant  an ISO string, epoch milliseconds or a Date */

/** @typedef {{ locale?: string, clock?: '24h' | '12h' }} Formats  the organisation's choice for the whole app (default en-GB, 24-hour) */

/**
 * Formatters for one zone (undefined: the browser's) in the organisation's
 * locale and clock. Building Intl formatters is not free, so the app state
 * builds one set per choice, not per render.
 * @param {string | undefined} timeZone  an IANA name
 * @param {Formats} [formats]
 */
export function createFormat(timeZone, { locale = 'en-GB', clock = '24h' } = {}) {
  const hourCycle = clock === '12h' ? 'h12' : 'h23';
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle });
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const longDay = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle });
  const calendar = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const fullDate = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const wallClock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  /** How far the zone's wall clock is ahead of UTC at `millis`. */
  const offsetAt = (/** @type {number} */ millis) => {
    const p = Object.fromEntries(wallClock.formatToParts(new Date(millis)).map((part) => [part.type, Number(part.value)]));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(millis / 1000) * 1000;
  };
  /** The instant (ISO, UTC) at which the zone's clock reads `time` (HH:MM) on `date` (YYYY-MM-DD). */
  const instantOf = (/** @type {string} */ date, /** @type {string} */ time) => {
    const [y, m, d] = date.split('-').map(Number);
    const [h, min] = time.split(':').map(Number);
    const wall = Date.UTC(y, m - 1, d, h, min);
    // Twice: the offset at the first guess may differ from the one at the answer near a DST change.
    const guess = wall - offsetAt(wall);
    return new Date(wall - offsetAt(guess)).toISOString();
  };
  return {
    time: (/** @type {Instant} */ value) => time.format(new Date(value)),
    day: (/** @type {Instant} */ value) => day.format(new Date(value)),
    longDay: (/** @type {Instant} */ value) => longDay.format(new Date(value)),
    dateTime: (/** @type {Instant} */ value) => dateTime.format(new Date(value)),
    /** A calendar date (YYYY-MM-DD) as "Mon 23 Nov": no zone applies to a date. */
    calendarDay: (/** @type {string} */ date) => calendar.format(new Date(`${date}T00:00:00Z`)),
    /** A calendar date (YYYY-MM-DD) with its year, as a date field shows it: "1 Dec 2026". */
    fullDate: (/** @type {string} */ date) => fullDate.format(new Date(`${date}T00:00:00Z`)),
    /** YYYY-MM-DD in the org's zone. */
    date: (/** @type {Instant} */ value) => isoDate.format(new Date(value)),
    /**
     * A typed date as YYYY-MM-DD, or null, read in the organisation's locale;
     * a date typed without its year is in `year`.
     */
    parseDate: (/** @type {string} */ text, /** @type {number} */ year) => parseDate(text, { locale, year }),
    instantOf,
    /**
     * The instant the zone's clock reads `time` (HH:MM) nearest to `near`: the
     * day before, of or after it. A check-out typed as "06:05" for a night
     * shift ending at 06:00 lands on the morning after the shift started.
     */
    instantNear(/** @type {string} */ time, /** @type {Instant} */ near) {
      const reference = new Date(near).getTime();
      const day = isoDate.format(new Date(near));
      const candidates = [-1, 0, 1].map((days) => instantOf(addDays(day, days), time));
      return candidates.reduce((best, c) => (Math.abs(Date.parse(c) - reference) < Math.abs(Date.parse(best) - reference) ? c : best));
    },
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
  missing_check_out: 'No check-out',
  missing_check_in: 'No check-in',
  excused: 'Excused',
};

/** @typedef {'scheduled' | 'open' | 'in_progress' | 'complete' | 'missed' | 'missing_check_out' | 'missing_check_in' | 'excused'} Outcome */

/** A timesheet occurrence's outcome in words. @type {Record<Outcome, string>} */
export const outcomeLabels = {
  scheduled: 'Scheduled',
  open: 'Window open',
  in_progress: 'In progress',
  complete: 'Complete',
  missed: 'Missed',
  missing_check_out: 'No check-out',
  missing_check_in: 'No check-in',
  excused: 'Excused',
};

/** Minutes as hours and minutes, "7:45" (a payroll clerk's format, not a decimal). @param {number} minutes */
export function hoursMinutes(minutes) {
  const whole = Math.round(minutes);
  const sign = whole < 0 ? '−' : '';
  const abs = Math.abs(whole);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A typed 24-hour time as "HH:MM", or null: "17:05", "17.05", "1705", "9:05" and "9" are all fine.
 * @param {string} text
 * @example
 *   parseTime('905'); // '09:05'
 */
export function parseTime(text) {
  const match = /^\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2] ?? 0)];
  return hours < 24 && minutes < 60 ? `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` : null;
}

/** HH:MM from "HH:MM:SS". */
export const shortTime = (/** @type {string | undefined} */ text) => (text ?? '').slice(0, 5);

/** @type {Map<string, { order: string[], months: string[][], weekdays: string[] }>} */
const localeDateParts = new Map();

/**
 * How a locale writes a date in numbers (day, month and year in which order)
 * and its month and weekday names, short and long, beside the English ones.
 * @param {string} locale
 */
function datePartsOf(locale) {
  let parts = localeDateParts.get(locale);
  if (!parts) {
    const numeric = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' });
    const order = numeric.formatToParts(new Date(Date.UTC(2026, 10, 23))).map((p) => p.type).filter((t) => t === 'day' || t === 'month' || t === 'year');
    const namesIn = (/** @type {string} */ loc, /** @type {'month' | 'weekday'} */ field, /** @type {number} */ count) =>
      ['short', 'long'].map((width) => {
        const names = new Intl.DateTimeFormat(loc, { timeZone: 'UTC', [field]: width });
        // 2026-01-05 is a Monday: day n of that week, or the first of month n.
        const at = (/** @type {number} */ n) => (field === 'month' ? Date.UTC(2026, n, 1) : Date.UTC(2026, 0, 5 + n));
        return Array.from({ length: count }, (_, n) => names.format(new Date(at(n))).toLocaleLowerCase(loc).replace(/\.$/, ''));
      });
    const both = (/** @type {'month' | 'weekday'} */ field, /** @type {number} */ count) => [...namesIn(locale, field, count), ...namesIn('en-GB', field, count)];
    parts = { order, months: both('month', 12), weekdays: both('weekday', 7).flat() };
    localeDateParts.set(locale, parts);
  }
  return parts;
}

/**
 * A typed date as YYYY-MM-DD, or null: "2026-12-01", "1 Dec 2026", "Dec 1",
 * "1 December", or numbers in the locale's order ("1/12/2026" in en-GB,
 * "12/1/2026" in en-US). A date without a year is in `year`; a weekday
 * typed with it is ignored.
 * @param {string} text
 * @param {{ locale: string, year: number }} options
 * @example
 *   parseDate('1 Dec', { locale: 'en-GB', year: 2026 }); // '2026-12-01'
 */
export function parseDate(text, { locale, year }) {
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const { order, months, weekdays: weekdayNames } = datePartsOf(locale);
  const tokens = text.toLocaleLowerCase(locale).split(/[\s,./-]+/).filter(Boolean);
  const numbers = tokens.filter((t) => /^\d+$/.test(t));
  const words = tokens.filter((t) => !/^\d+$/.test(t));
  const monthOfWord = (/** @type {string} */ word) => {
    if (word.length < 3) return null;
    for (const names of months) {
      const index = names.findIndex((name) => name.startsWith(word));
      if (index >= 0) return index + 1;
    }
    return null;
  };
  const isWeekday = (/** @type {string} */ word) => word.length >= 2 && weekdayNames.some((name) => name.startsWith(word));
  // Each word is a month or a weekday (which says nothing the date does not); anything else is not a date.
  const monthOfEach = words.map(monthOfWord);
  if (monthOfEach.some((month, i) => month === null && !isWeekday(words[i]))) return null;
  const monthWords = monthOfEach.filter((month) => month !== null);
  if (numbers.some((n) => n.length > 4)) return null;
  if (monthWords.length === 1) {
    const days = numbers.filter((n) => n.length <= 2);
    const years = numbers.filter((n) => n.length === 4);
    if (days.length !== 1 || years.length > 1 || numbers.length !== days.length + years.length) return null;
    return calendarDate(years.length ? Number(years[0]) : year, monthWords[0], Number(days[0]));
  }
  if (monthWords.length > 1 || numbers.length < 2 || numbers.length > 3) return null;
  const fields = numbers.length === 3 && numbers[0].length === 4 ? ['year', 'month', 'day'] : order.filter((t) => numbers.length === 3 || t !== 'year');
  const value = (/** @type {string} */ type) => numbers[fields.indexOf(type)];
  if (numbers.length === 3 && value('year').length !== 4) return null;
  if (value('day').length > 2 || value('month').length > 2) return null;
  return calendarDate(numbers.length === 3 ? Number(value('year')) : year, Number(value('month')), Number(value('day')));
}

/** YYYY-MM-DD for a day that exists, else null. @param {number} y @param {number} m @param {number} d */
function calendarDate(y, m, d) {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
