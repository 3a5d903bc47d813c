// @ts-check
// One person's shifts in a pay period, opened from the Timesheets totals:
// final punches (and what they were before a correction), outcome, hours,
// who corrected what and why; and per shift "Correct…", "Void" and its
// punch history. Approved shifts are locked until the period is reopened.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useFormat } from '../app-state.js';
import { hoursMinutes, outcomeLabels } from '../format.js';
import { absenceLabels, byDateAndName, entryKey } from '../timesheet.js';
import { Loaded, useData } from '../ui.js';
import { CorrectForm, VoidForm } from './punch-forms.js';
import { PunchHistory } from './punch-history.js';

/**
 * @typedef {import('../timesheet.js').Entry} Entry
 * @typedef {import('../timesheet.js').Chain} Chain
 */

/**
 * @param {{ staffId: number, period: import('../pay-periods.js').Period, version: number,
 *   whoIs: (userId: number | null) => string, onChanged: () => void }} props
 */
export function PersonShifts({ staffId, period, version, whoIs, onChanged }) {
  const state = useData(() => get(`/api/timesheets/?from=${period.from}&to=${period.to}&staff=${staffId}`), [staffId, period.from, period.to, version]);
  // Which shift has which panel open: `${key}:correct`, `…:void` or `…:history`.
  const [open, setOpen] = useState(/** @type {string | null} */ (null));
  return html`<${Loaded} state=${state} what="Loading shifts">
    ${(/** @type {Entry[]} */ entries) =>
      entries.length === 0
        ? html`<p class="hint">No shifts in this period.</p>`
        : html`<table class="compact shifts stack">
            <thead><tr><th>Date</th><th>Shift</th><th>In</th><th>Out</th><th>Outcome</th><th class="num">Paid</th><th>Changes</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              ${[...entries].sort(byDateAndName).map((e) => html`<${ShiftRow} entry=${e} open=${open} setOpen=${setOpen} whoIs=${whoIs}
                onChanged=${() => { setOpen(null); onChanged(); }} />`)}
            </tbody>
          </table>`}
  <//>`;
}

function ShiftRow({ entry, open, setOpen, whoIs, onChanged }) {
  const format = useFormat();
  const key = entryKey(entry);
  const panel = open?.startsWith(`${key}:`) ? open.slice(key.length + 1) : null;
  const toggle = (/** @type {string} */ name) => setOpen(panel === name ? null : `${key}:${name}`);
  const hasPunch = Boolean(entry.checkIn.final || entry.checkOut.final);
  const hasHistory = Boolean(entry.checkIn.original || entry.checkIn.final || entry.checkOut.original || entry.checkOut.final || entry.absence);
  const day = format.calendarDay(entry.date);
  return html`
    <tr data-date=${entry.date}>
      <td class="nowrap stack-title">${day}</td>
      <td class="nowrap" data-label="Shift">${format.time(entry.start)}–${format.time(entry.end)}</td>
      <td class="nowrap" data-label="In"><${PunchTime} chain=${entry.checkIn} /></td>
      <td class="nowrap" data-label="Out"><${PunchTime} chain=${entry.checkOut} /></td>
      <td data-label="Outcome">
        <span class=${`state ${entry.outcome}`}>${outcomeLabels[entry.outcome] ?? entry.outcome}</span>
        ${entry.late && html` <span class="state late">Late</span>`}
        ${entry.absence && html` <span class="hint">${absenceLabels[entry.absence.type]}${entry.absence.note ? `: ${entry.absence.note}` : ''}</span>`}
      </td>
      <td class="num" data-label="Paid">
        ${entry.paidMinutes || entry.workedMinutes ? hoursMinutes(entry.paidMinutes) : '–'}
        ${entry.overtimeMinutes > 0 && html`<div class="hint">incl. ${hoursMinutes(entry.overtimeMinutes)} overtime</div>`}
        ${entry.breakMinutes > 0 && html`<div class="hint">${hoursMinutes(entry.breakMinutes)} break</div>`}
      </td>
      <td class="changes">${entry.correctedBy ? html`<span class="corrected">By ${entry.correctedBy.username ?? whoIs(entry.correctedBy.id)}: “${entry.reason}”</span>` : ''}</td>
      <td class="row-actions"><div class="actions">
        ${entry.approved
          ? html`<span class="pill ok" title="Reopen the period to change it">Approved</span>`
          : html`
            <button class="secondary small" aria-expanded=${panel === 'correct'} aria-label=${`Correct ${day}`} onClick=${() => toggle('correct')}>Correct…</button>
            ${hasPunch && html`<button class="secondary small" aria-expanded=${panel === 'void'} aria-label=${`Void a punch on ${day}`} onClick=${() => toggle('void')}>Void</button>`}`}
        ${hasHistory && html`<button class="link" aria-expanded=${panel === 'history'} aria-label=${`History of ${day}`} onClick=${() => toggle('history')}>History</button>`}
      </div></td>
    </tr>
    ${panel &&
    html`<tr class="fix-row"><td colspan="8">
      ${panel === 'correct' && html`<${CorrectForm} entry=${entry} onDone=${onChanged} onCancel=${() => setOpen(null)} />`}
      ${panel === 'void' && html`<${VoidForm} entry=${entry} onDone=${onChanged} onCancel=${() => setOpen(null)} />`}
      ${panel === 'history' && html`<${PunchHistory} entry=${entry} whoIs=${whoIs} />`}
    </td></tr>`}`;
}

/** The final punch's time; if a correction changed it, what it was first. @param {{ chain: Chain }} props */
function PunchTime({ chain }) {
  const format = useFormat();
  if (!chain.final) return chain.original?.voided ? html`<span class="hint">voided</span>` : '—';
  const was = chain.original && chain.original.id !== chain.final.id ? chain.original : null;
  return html`${format.time(chain.final.at)}${was ? html` <span class="hint was">was ${format.time(was.at)}</span>` : ''}${chain.final.source === 'manager' && !was ? html` <span class="hint">added</span>` : ''}`;
}
