// @ts-check
// Copying shifts in the weekly template, as plain functions: what a copy of
// a day to other days, or of a person's week to other people, would add, and
// what it leaves out and why. The server still checks every rule as each is added.

/**
 * @typedef {{ id?: number, staff: number, day_of_week: string, shift_start: string, shift_end: string }} Shift
 * @typedef {{ id: number, name: string, weekly_off_days: string }} Person
 * @typedef {{ staff: number, day_of_week: string, shift_start: string, shift_end: string }} NewShift
 * @typedef {{ add: NewShift[], skipped: string[] }} CopyPlan
 */

const hhmm = (/** @type {string} */ time) => time.slice(0, 5);
const offDays = (/** @type {Person} */ person) => person.weekly_off_days.split(',');

/**
 * `shifts` placed on each of `targets` (a person and a day): not on a weekly
 * day off, and not twice where the same times are already there.
 * @param {Shift[]} shifts  the shifts to copy (their day is replaced by the target's)
 * @param {{ person: Person, day: string }[]} targets
 * @param {Shift[]} existing  the template as it is
 * @returns {CopyPlan}
 */
export function planCopies(shifts, targets, existing) {
  /** @type {CopyPlan} */
  const plan = { add: [], skipped: [] };
  for (const { person, day } of targets) {
    const dayShifts = shifts.filter((s) => s.day_of_week === day);
    for (const shift of dayShifts) {
      const times = `${hhmm(shift.shift_start)}–${hhmm(shift.shift_end)}`;
      if (offDays(person).includes(day)) {
        plan.skipped.push(`${person.name} has ${day} off, so ${day} ${times} was not copied.`);
        continue;
      }
      const already = existing.some((s) => s.staff === person.id && s.day_of_week === day && hhmm(s.shift_start) === hhmm(shift.shift_start) && hhmm(s.shift_end) === hhmm(shift.shift_end));
      if (already) continue;
      plan.add.push({ staff: person.id, day_of_week: day, shift_start: hhmm(shift.shift_start), shift_end: hhmm(shift.shift_end) });
    }
  }
  return plan;
}

/**
 * A day's shifts copied to other days of the same person.
 * @param {Person} person @param {string} day @param {string[]} toDays @param {Shift[]} existing
 */
export function planDayCopy(person, day, toDays, existing) {
  const source = existing.filter((s) => s.staff === person.id && s.day_of_week === day);
  return planCopies(
    toDays.flatMap((to) => source.map((s) => ({ ...s, day_of_week: to }))),
    toDays.map((to) => ({ person, day: to })),
    existing,
  );
}

/**
 * A person's whole week copied to other people, day for day.
 * @param {Person} from @param {Person[]} to @param {Shift[]} existing @param {string[]} weekdays
 */
export function planWeekCopy(from, to, existing, weekdays) {
  const source = existing.filter((s) => s.staff === from.id);
  const days = weekdays.filter((day) => source.some((s) => s.day_of_week === day));
  return planCopies(source, to.flatMap((person) => days.map((day) => ({ person, day }))), existing);
}

/**
 * @typedef {{ date: string, staff: number, shiftId: number, start: string, end: string, reassigned: boolean, retimed: boolean, oneOff: boolean, note: string | null }} RosterEntry
 * @typedef {{ id: number, staff: number, day_of_week: string, valid_from: string, valid_to: string | null }} DatedTemplateShift
 * @typedef {{ method: 'PATCH' | 'POST', path: string, body: Record<string, unknown>, what: string }} RosterRequest
 */

/**
 * Last week's one-date changes repeated a week later: the one-off shifts, who
 * covered which shift, other times, and cancelled dates, where this week does
 * not already have them.
 * @param {{ lastWeek: RosterEntry[], thisWeek: RosterEntry[], template: DatedTemplateShift[], lastMonday: string, weekdays: string[],
 *   addDays: (date: string, days: number) => string, clock: (instant: string) => string, describe: (entry: { staff: number, date: string }) => string }} input
 * @returns {RosterRequest[]}
 */
export function planWeekForward({ lastWeek, thisWeek, template, lastMonday, weekdays, addDays, clock, describe }) {
  /** @type {RosterRequest[]} */
  const requests = [];
  const times = (/** @type {RosterEntry} */ e) => `${clock(e.start)}–${clock(e.end)}`;
  const sameTimes = (/** @type {RosterEntry} */ a, /** @type {RosterEntry} */ b) => times(a) === times(b);
  for (const entry of lastWeek) {
    const date = addDays(entry.date, 7);
    const next = { staff: entry.staff, date };
    if (entry.oneOff) {
      const already = thisWeek.some((e) => e.oneOff && e.staff === entry.staff && e.date === date && sameTimes(e, entry));
      if (!already) {
        const body = { staff: entry.staff, date, start: clock(entry.start), end: clock(entry.end), ...(entry.note && { note: entry.note }) };
        requests.push({ method: 'POST', path: '/api/roster/one-off', body, what: `${describe(next)} ${times(entry)} (one-off)` });
      }
      continue;
    }
    if (!entry.reassigned && !entry.retimed) continue;
    const counterpart = thisWeek.find((e) => e.shiftId === entry.shiftId && e.date === date);
    if (!counterpart || (counterpart.staff === entry.staff && sameTimes(counterpart, entry))) continue;
    const body = { shiftId: entry.shiftId, date, assignee: entry.staff, start: clock(entry.start), end: clock(entry.end) };
    requests.push({ method: 'PATCH', path: '/api/roster/occurrence', body, what: `${describe(next)} ${times(entry)}` });
  }
  // A template shift that ran last week but had no occurrence was cancelled that date.
  for (const [i, day] of weekdays.entries()) {
    const date = addDays(lastMonday, i);
    for (const shift of template) {
      const ran = shift.day_of_week === day && shift.valid_from <= date && (shift.valid_to === null || shift.valid_to >= date);
      if (!ran || lastWeek.some((e) => e.shiftId === shift.id && e.date === date)) continue;
      const counterpart = thisWeek.find((e) => e.shiftId === shift.id && e.date === addDays(date, 7));
      if (counterpart) requests.push({ method: 'PATCH', path: '/api/roster/occurrence', body: { shiftId: shift.id, date: counterpart.date, cancelled: true }, what: `${describe(counterpart)} cancelled` });
    }
  }
  return requests;
}
