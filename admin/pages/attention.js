// @ts-check
// Needs attention: every shift from the chosen dates that needs a manager's
// decision before its hours can be paid (a forgotten check-out, a missed
// shift, a late arrival…), each with the one fix it most likely needs. A fix
// reloads the list, so what is settled leaves it.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useFormat } from '../app-state.js';
import { DateField } from '../date-field.js';
import { addDays } from '../format.js';
import { byDateAndName, entryKey } from '../timesheet.js';
import { Empty, Loaded, useData } from '../ui.js';
import { FaceReviewForm } from './face-review.js';
import { AcceptForm, AddPunchesForm, ExcuseForm, PunchForm } from './punch-forms.js';

/**
 * @typedef {import('../timesheet.js').ExceptionEntry} ExceptionEntry
 * @typedef {import('../timesheet.js').ExceptionType} ExceptionType
 * @typedef {{ id: string, label: string, form: (props: { entry: ExceptionEntry, onDone: () => void, onCancel: () => void }) => any, done: string }} Fix
 */

const typeOrder = ['missed', 'missing_check_in', 'missing_check_out', 'late', 'api_check_in', 'face_mismatch', 'face_no_face'];
const typeLabels = {
  missed: 'Missed',
  missing_check_in: 'No check-in',
  missing_check_out: 'No check-out',
  late: 'Late',
  api_check_in: 'API check-in',
  face_mismatch: 'Face differs',
  face_no_face: 'No face',
};
const typeClasses = {
  missed: 'missed',
  missing_check_in: 'missing_check_in',
  missing_check_out: 'missing_check_out',
  late: 'late',
  api_check_in: 'open',
  face_mismatch: 'missed',
  face_no_face: 'late',
};

/** @type {Record<ExceptionType, Fix[]>} */
const fixes = {
  missing_check_out: [
    { id: 'add', label: 'Add check-out', done: 'Check-out added', form: (p) => html`<${PunchForm} ...${p} kind="check_out" submitLabel="Save check-out" defaultReason="Forgot to check out" />` },
  ],
  missing_check_in: [
    { id: 'add', label: 'Add check-in', done: 'Check-in added', form: (p) => html`<${PunchForm} ...${p} kind="check_in" submitLabel="Save check-in" defaultReason="Forgot to check in" />` },
  ],
  missed: [
    { id: 'excuse', label: 'Excuse', done: 'Absence recorded', form: (p) => html`<${ExcuseForm} ...${p} />` },
    { id: 'punches', label: 'Add punches', done: 'Check-in and check-out added', form: (p) => html`<${AddPunchesForm} ...${p} />` },
  ],
  late: [{ id: 'accept', label: 'Accept', done: 'Late arrival accepted', form: (p) => html`<${AcceptForm} ...${p} type="late" />` }],
  api_check_in: [{ id: 'accept', label: 'Accept', done: 'API check-in accepted', form: (p) => html`<${AcceptForm} ...${p} type="api_check_in" />` }],
  face_mismatch: [{ id: 'compare', label: 'Compare photos', done: 'Face check reviewed', form: (p) => html`<${FaceReviewForm} ...${p} />` }],
  face_no_face: [{ id: 'compare', label: 'See the photo', done: 'Face check reviewed', form: (p) => html`<${FaceReviewForm} ...${p} />` }],
};

/** What is wrong, in a sentence. @param {ExceptionEntry} e @param {import('../app-state.js').Format} format */
function problem(e, format) {
  const checkIn = e.checkIn.final;
  const checkOut = e.checkOut.final;
  switch (e.type) {
    case 'missing_check_out':
      return `Checked in at ${format.time(checkIn.at)} but never checked out. No hours count until a check-out is added.`;
    case 'missing_check_in':
      return `Checked out at ${format.time(checkOut.at)} with no check-in. No hours count until a check-in is added.`;
    case 'missed':
      return 'Did not check in or out. Excuse the absence, or add the times if they did work.';
    case 'late': {
      const minutes = Math.round((Date.parse(checkIn.at) - Date.parse(e.start)) / 60_000);
      return `Checked in at ${format.time(checkIn.at)}, ${minutes} min after the start.`;
    }
    case 'api_check_in':
      return `Checked in at ${format.time(checkIn.at)} through the API, not at the kiosk.`;
    case 'face_mismatch':
      return `The photo of this punch does not look like ${e.staffName}'s reference photo: someone else may have used their PIN.`;
    case 'face_no_face':
      return 'No face was found in the photo of this punch.';
  }
}

export function AttentionPage() {
  const format = useFormat();
  const today = format.date(Date.now());
  const [range, setRange] = useState({ from: addDays(today, -13), to: today });
  const [open, setOpen] = useState(/** @type {string | null} */ (null));
  const [message, setMessage] = useState('');
  const [only, setOnly] = useState(/** @type {ExceptionType | ''} */ (''));
  const list = useData(() => get(`/api/exceptions/?from=${range.from}&to=${range.to}`), [range.from, range.to]);
  /** @type {ExceptionEntry[] | undefined} */
  const all = list.data && [...list.data].sort((a, b) => byDateAndName(a, b) || typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type));
  const rows = all?.filter((e) => !only || e.type === only);

  const fixed = async (/** @type {ExceptionEntry} */ entry, /** @type {Fix} */ fix) => {
    setOpen(null);
    await list.reload();
    // Said once the list no longer has the row.
    setMessage(`${fix.done}: ${entry.staffName}, ${format.calendarDay(entry.date)}.`);
  };

  return html`<section class="attention">
    <div class="page-head">
      <h1>Needs attention${all?.length ? html` <span class="count">${all.length}</span>` : ''}</h1>
    </div>
    <p class="hint">Shifts that need a decision before their hours can be paid. Shifts in an approved period are not listed.</p>
    <form class="filters row" onSubmit=${(e) => e.preventDefault()}>
      <${DateField} id="attention-from" label="From" value=${range.from} max=${range.to} onChange=${(from) => setRange({ ...range, from })} />
      <${DateField} id="attention-to" label="To" value=${range.to} min=${range.from} onChange=${(to) => setRange({ ...range, to })} />
      ${all?.length > 0 && html`<${TypeFilter} rows=${all} only=${only} setOnly=${setOnly} />`}
    </form>
    ${message && html`<p class="ok-text" role="status">${message}</p>`}
    <${Loaded} state=${list} what="Loading what needs attention">
      ${() =>
        rows.length === 0 && all.length > 0
          ? html`<${Empty}>None of these left. <button class="link" onClick=${() => setOnly('')}>Show everything (${all.length})</button></${Empty}>`
          : rows.length === 0
          ? html`<${Empty}>
              <strong class="empty-title">Nothing needs your attention</strong>
              <span>Every shift from ${format.calendarDay(range.from)} to ${format.calendarDay(range.to)} has its check-in and check-out, and every late arrival has been accepted.</span>
            </${Empty}>`
          : html`<div class="table-wrap"><table class="attention-list stack">
              <thead><tr><th>Staff</th><th>Shift</th><th>What is wrong</th><th>Fix</th></tr></thead>
              ${groupByDate(rows).map(
                ([date, group]) => html`<tbody>
                  <tr class="group"><th colspan="4" scope="rowgroup">${format.calendarDay(date)}</th></tr>
                  ${group.map((e) => {
                    const key = `${entryKey(e)}:${e.type}${e.face ? `:${e.face.attendanceId}` : ''}`;
                    const openFix = fixes[e.type].find((fix) => open === `${key}:${fix.id}`);
                    return html`
                      <tr class="problem" data-type=${e.type}>
                        <td class="nowrap stack-title">${e.staffName}</td>
                        <td class="nowrap" data-label="Shift">${format.time(e.start)}–${format.time(e.end)}</td>
                        <td class="problem-text"><span class=${`state ${typeClasses[e.type]}`}>${typeLabels[e.type]}</span> ${problem(e, format)}</td>
                        <td class="row-actions"><div class="actions nowrap">
                          ${fixes[e.type].map(
                            (fix) => html`<button class=${openFix === fix ? 'primary small' : 'secondary small'} aria-expanded=${openFix === fix}
                              onClick=${() => { setMessage(''); setOpen(openFix === fix ? null : `${key}:${fix.id}`); }}>${fix.label}</button>`,
                          )}
                        </div></td>
                      </tr>
                      ${openFix && html`<tr class="fix-row"><td colspan="4">${openFix.form({ entry: e, onDone: () => fixed(e, openFix), onCancel: () => setOpen(null) })}</td></tr>`}`;
                  })}
                </tbody>`,
              )}
            </table></div>`}
    <//>
  </section>`;
}

/** Buttons that show one kind of problem only, each with its count. */
function TypeFilter({ rows, only, setOnly }) {
  const count = (/** @type {string} */ type) => rows.filter((e) => e.type === type).length;
  const chip = (/** @type {ExceptionType | ''} */ type, /** @type {string} */ label, /** @type {number} */ n) =>
    html`<button type="button" class=${`chip${only === type ? ' active' : ''}`} aria-pressed=${only === type} onClick=${() => setOnly(type)}>${label} <span class="chip-count">${n}</span></button>`;
  return html`<div class="chips" role="group" aria-label="Show">
    ${chip('', 'All', rows.length)}
    ${typeOrder.filter((type) => count(type) > 0).map((type) => chip(/** @type {ExceptionType} */ (type), typeLabels[type], count(type)))}
  </div>`;
}

/** Rows (already sorted) grouped by their date, in order. @param {ExceptionEntry[]} rows @returns {[string, ExceptionEntry[]][]} */
function groupByDate(rows) {
  /** @type {Map<string, ExceptionEntry[]>} */
  const groups = new Map();
  for (const row of rows) groups.set(row.date, [...(groups.get(row.date) ?? []), row]);
  return [...groups];
}
