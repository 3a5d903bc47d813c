// Dates and times in the organisation's time zone, whatever the browser's.

export function createFormat(timeZone) {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const longDay = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const calendar = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    time: (value) => time.format(new Date(value)),
    day: (value) => day.format(new Date(value)),
    longDay: (value) => longDay.format(new Date(value)),
    dateTime: (value) => dateTime.format(new Date(value)),
    /** A calendar date (YYYY-MM-DD) as "Mon 23 Nov": no zone applies to a date. */
    calendarDay: (date) => calendar.format(new Date(`${date}T00:00:00Z`)),
    /** YYYY-MM-DD in the org's zone. */
    date: (value) => isoDate.format(new Date(value)),
  };
}

/** A calendar date (YYYY-MM-DD) moved by whole days, without time zones involved. */
export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(y, m - 1, d + days));
  return moved.toISOString().slice(0, 10);
}

/** The Monday on or before a calendar date. */
export function mondayOf(date) {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const stateLabels = {
  upcoming: 'Upcoming',
  open: 'Window open',
  checked_in: 'Checked in',
  late: 'Late',
  missed: 'Missed',
  checked_out: 'Checked out',
};

/** HH:MM from "HH:MM:SS". */
export const shortTime = (text) => (text ?? '').slice(0, 5);
