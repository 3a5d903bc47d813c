// @ts-check
// "My hours" on a staff member's home: their shifts of the current pay
// period so far with the hours each counts for, the total, and every change a
// manager made to their punches, with who and why.
import { html } from 'htm/preact';
import { get } from '../api.js';
import { useFormat } from '../app-state.js';
import { addDays, hoursMinutes, outcomeLabels } from '../format.js';
import { absenceLabels, byDateAndName } from '../timesheet.js';
import { Empty, Loaded, useData } from '../ui.js';
import { changesOf } from './punch-history.js';

/** @typedef {import('../timesheet.js').Entry} Entry */

/** @typedef {{ from: string, to: string }} Period */

/** This pay period and the one before (the one just paid), each with its shifts and total. */
export function MyHours() {
  const format = useFormat();
  const today = format.date(Date.now());
  const state = useData(async () => {
    /** @type {Period} */
    const current = await get(`/api/timesheets/period?date=${today}`);
    /** @type {Period} */
    const previous = await get(`/api/timesheets/period?date=${addDays(current.from, -1)}`);
    /** @type {Entry[]} */
    const entries = await get(`/api/timesheets/?from=${previous.from}&to=${current.to}`);
    return { current, previous, entries };
  }, [today]);
  return html`
    <h2>My hours</h2>
    <p class="hint">As they will be paid; hours as h:mm.</p>
    <${Loaded} state=${state} what="Loading your hours">
      ${(/** @type {{ current: Period, previous: Period, entries: Entry[] }} */ { current, previous, entries }) => html`
        <${PeriodHours} title="This pay period" period=${current} entries=${entries} />
        <${PeriodHours} title="Last pay period" period=${previous} entries=${entries} />`}
    <//>`;
}

/** @param {{ title: string, period: Period, entries: Entry[] }} props */
function PeriodHours({ title, period, entries: all }) {
  const format = useFormat();
  const entries = all.filter((e) => e.date >= period.from && e.date <= period.to && e.outcome !== 'scheduled').sort(byDateAndName);
  const total = entries.reduce((sum, e) => sum + e.paidMinutes, 0);
  return html`
    <h3>${title}, ${format.calendarDay(period.from)} – ${format.calendarDay(period.to)}</h3>
    ${entries.length === 0
      ? html`<${Empty}>No shifts worked in this pay period yet.</${Empty}>`
      : html`<ul class="shift-list my-hours">
          ${entries.map((e) => html`<${HoursCard} entry=${e} />`)}
          <li class="card total"><span>Total, ${entries.length} ${entries.length === 1 ? 'shift' : 'shifts'}</span><strong>${hoursMinutes(total)}</strong></li>
        </ul>`}`;
}

/** @param {{ entry: Entry }} props */
function HoursCard({ entry: e }) {
  const format = useFormat();
  // A staff member cannot list accounts: the one name the timesheet gives is that of the last manager to change it.
  const whoIs = (/** @type {number | null} */ id) => (e.correctedBy && id === e.correctedBy.id && e.correctedBy.username ? e.correctedBy.username : 'a manager');
  const changes = changesOf(e, whoIs, format).filter((c) => c.why !== null);
  const punch = (/** @type {string} */ label, chain) => (chain.final ? `${label} ${format.time(chain.final.at)}` : `no ${label.toLowerCase()}`);
  return html`<li class="card">
    <div class="hours-line">
      <span><strong>${format.calendarDay(e.date)}</strong> ${format.time(e.start)}–${format.time(e.end)}</span>
      <strong class="num">${e.paidMinutes > 0 ? hoursMinutes(e.paidMinutes) : '–'}</strong>
    </div>
    <div class="hint">
      ${e.outcome === 'excused'
        ? `${e.absence ? `${absenceLabels[e.absence.type]} · ` : ''}`
        : e.checkIn.final || e.checkOut.final
          ? `${punch('In', e.checkIn)} · ${punch('Out', e.checkOut)} · `
          : ''}<span class=${`state ${e.outcome}`}>${outcomeLabels[e.outcome] ?? e.outcome}</span>${e.late ? html` <span class="state late">Late</span>` : ''}
      ${e.breakMinutes > 0 ? ` · ${hoursMinutes(e.breakMinutes)} unpaid break` : ''}${e.overtimeMinutes > 0 ? ` · ${hoursMinutes(e.overtimeMinutes)} overtime` : ''}
    </div>
    ${changes.length > 0 &&
    html`<ul class="changes">
      ${changes.map((c) => html`<li>${c.what}, by ${c.who} on ${format.dateTime(c.at)}: “${c.why}”</li>`)}
    </ul>`}
  </li>`;
}
