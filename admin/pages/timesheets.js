// @ts-check
// Timesheets: one pay period at a time (periods from the settings), totals
// per person, approval and reopening, the CSV downloads for payroll, each
// person's shifts with their corrections, and the ledger's own check.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { useAppState, useFormat } from '../app-state.js';
import { hoursMinutes } from '../format.js';
import { nextPeriod, payPeriodLabels, payPeriodOf, previousPeriod } from '../pay-periods.js';
import { ErrorMessage, FieldError, Loaded, formLevel, useData, useSubmit } from '../ui.js';
import { PersonShifts } from './timesheet-person.js';

/**
 * @typedef {import('../pay-periods.js').Period} Period
 * @typedef {{ staffId: number, staffName: string, scheduled: number, complete: number, late: number, missed: number, excused: number,
 *   needsAttention: number, approvedOccurrences: number, workedMinutes: number, breakMinutes: number, regularMinutes: number,
 *   overtimeMinutes: number, paidMinutes: number }} Totals
 */

export function TimesheetsPage() {
  const app = useAppState();
  const settings = useData(async () => {
    const loaded = await get('/api/settings/');
    app.updateSettings(loaded);
    return loaded;
  });
  return html`<section class="timesheets">
    <${Loaded} state=${settings} what="Loading pay periods">${(rules) => html`<${Timesheets} rules=${rules} />`}<//>
  </section>`;
}

/** @param {{ rules: import('../pay-periods.js').PayPeriodRules }} props */
function Timesheets({ rules }) {
  const format = useFormat();
  const today = format.date(Date.now());
  const current = payPeriodOf(today, rules);
  const [period, setPeriod] = useState(current);
  // Bumped after every change, so totals, shifts and the ledger check load again.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const range = `from=${period.from}&to=${period.to}`;
  const totals = useData(() => get(`/api/timesheets/totals?${range}`), [range, version]);
  const users = useData(() => get('/api/users/'), []);
  const [expanded, setExpanded] = useState(/** @type {number[]} */ ([]));
  const whoIs = (/** @type {number | null} */ id) => {
    const user = users.data?.find((u) => u.id === id);
    return user ? (user.name ?? user.username) : id === null ? 'the system' : `user ${id}`;
  };
  const isCurrent = period.from === current.from;
  const toggle = (/** @type {number} */ id) => setExpanded((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  return html`
    <div class="page-head">
      <h1>Timesheets</h1>
      <${LedgerCheck} version=${version} />
    </div>
    <div class="row period-nav" role="group" aria-label="Pay period">
      <button class="secondary small" onClick=${() => setPeriod(previousPeriod(period, rules))}>← Previous</button>
      <strong class="period" aria-live="polite">${format.calendarDay(period.from)} – ${format.calendarDay(period.to)}</strong>
      <button class="secondary small" onClick=${() => setPeriod(nextPeriod(period, rules))}>Next →</button>
      ${!isCurrent && html`<button class="link" onClick=${() => setPeriod(current)}>This period</button>`}
      <span class="hint">${payPeriodLabels[rules.pay_period] ?? ''} pay period${isCurrent ? ', so far' : ''} · hours as h:mm</span>
    </div>
    <${Loaded} state=${totals} what="Loading totals">
      ${(/** @type {Totals[]} */ rows) => html`
        <${PeriodActions} period=${period} rows=${rows} onChanged=${changed} />
        ${rows.length === 0
          ? html`<div class="empty">Nobody was scheduled in this period.</div>`
          : html`<div class="table-wrap"><table class="totals stack">
              <thead><tr>
                <th>Staff</th><th class="num">Shifts</th><th class="num">Worked</th><th class="num">Break</th><th class="num">Overtime</th><th class="num">Paid</th>
                <th class="num">Late</th><th class="num">Missed</th><th class="num">Excused</th><th>Approved</th>
              </tr></thead>
              ${[...rows].sort((a, b) => a.staffName.localeCompare(b.staffName)).map((t) => html`<tbody>
                <tr data-staff=${t.staffName}>
                  <td class="stack-title"><button class="link disclose" aria-expanded=${expanded.includes(t.staffId)} onClick=${() => toggle(t.staffId)}><span class="arrow" aria-hidden="true">${expanded.includes(t.staffId) ? '▾' : '▸'}</span>${t.staffName}</button>
                    ${t.needsAttention > 0 && html` <span class="state missing_check_out">${t.needsAttention} to fix</span>`}</td>
                  <td class="num" data-label="Shifts">${t.scheduled}</td>
                  <td class="num" data-label="Worked">${hoursMinutes(t.workedMinutes)}</td>
                  <td class="num" data-label="Break">${hoursMinutes(t.breakMinutes)}</td>
                  <td class="num" data-label="Overtime">${hoursMinutes(t.overtimeMinutes)}</td>
                  <td class="num" data-label="Paid"><strong>${hoursMinutes(t.paidMinutes)}</strong></td>
                  <td class="num" data-label="Late">${t.late || '–'}</td>
                  <td class="num" data-label="Missed">${t.missed || '–'}</td>
                  <td class="num" data-label="Excused">${t.excused || '–'}</td>
                  <td data-label="Approved"><${ApprovedState} totals=${t} /></td>
                </tr>
                ${expanded.includes(t.staffId) &&
                html`<tr class="detail"><td colspan="10"><${PersonShifts} staffId=${t.staffId} period=${period} version=${version} whoIs=${whoIs} onChanged=${changed} /></td></tr>`}
              </tbody>`)}
              <tfoot><${TotalsFooter} rows=${rows} /></tfoot>
            </table></div>`}`}
    <//>`;
}

function ApprovedState({ totals }) {
  if (totals.scheduled > 0 && totals.approvedOccurrences === totals.scheduled) return html`<span class="pill ok">Approved</span>`;
  if (totals.approvedOccurrences === 0) return html`<span class="pill off">Not yet</span>`;
  return html`<span class="pill warn">${totals.approvedOccurrences} of ${totals.scheduled}</span>`;
}

/** @param {{ rows: Totals[] }} props */
function TotalsFooter({ rows }) {
  const sum = (/** @type {keyof Totals} */ key) => rows.reduce((total, t) => total + Number(t[key]), 0);
  return html`<tr>
    <th class="stack-title">Everyone</th><td class="num" data-label="Shifts">${sum('scheduled')}</td>
    <td class="num" data-label="Worked">${hoursMinutes(sum('workedMinutes'))}</td><td class="num" data-label="Break">${hoursMinutes(sum('breakMinutes'))}</td>
    <td class="num" data-label="Overtime">${hoursMinutes(sum('overtimeMinutes'))}</td><td class="num" data-label="Paid"><strong>${hoursMinutes(sum('paidMinutes'))}</strong></td>
    <td class="num" data-label="Late">${sum('late') || '–'}</td><td class="num" data-label="Missed">${sum('missed') || '–'}</td><td class="num" data-label="Excused">${sum('excused') || '–'}</td><td></td>
  </tr>`;
}

/**
 * Approve the period for everyone, reopen it (with a reason), download it.
 * @param {{ period: Period, rows: Totals[], onChanged: () => void }} props
 */
function PeriodActions({ period, rows, onChanged }) {
  const app = useAppState();
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const scheduled = rows.reduce((n, t) => n + t.scheduled, 0);
  const approved = rows.reduce((n, t) => n + t.approvedOccurrences, 0);
  const unresolved = rows.reduce((n, t) => n + t.needsAttention + t.missed, 0);
  const allApproved = scheduled > 0 && approved === scheduled;
  const [done, setDone] = useState('');
  const approve = useSubmit(async () => {
    setDone('');
    await post('/api/timesheets/approve', { from: period.from, to: period.to });
    onChanged();
  });
  const reopen = useSubmit(async () => {
    setDone('');
    await post('/api/timesheets/reopen', { from: period.from, to: period.to, reason: reason.trim() });
    setReopening(false);
    setReason('');
    setDone('Reopened. Shifts can be corrected again; approve the period once they are right.');
    onChanged();
  });
  const format = useFormat();
  const notOver = period.to >= format.date(Date.now());
  const range = `from=${period.from}&to=${period.to}`;
  return html`<div class="card period-actions">
    <div class="row">
      ${allApproved
        ? html`<span class="pill ok" role="status">Approved for everyone</span>`
        : html`<button class="primary" disabled=${approve.busy || scheduled === 0} onClick=${approve.submit}>${approve.busy ? 'Approving…' : 'Approve period'}</button>`}
      ${approved > 0 && !allApproved && html`<span class="pill warn">${approved} of ${scheduled} shifts approved</span>`}
      ${approved > 0 && !reopening && html`<button class="secondary" onClick=${() => setReopening(true)}>Reopen…</button>`}
      <span class="spacer"></span>
      <a class="button secondary" href=${`/api/timesheets.csv?${range}`} download>Timesheet CSV</a>
      <a class="button secondary" href=${`/api/payroll.csv?${range}`} download>Payroll CSV</a>
    </div>
    ${done && html`<p class="ok-text" role="status">${done}</p>`}
    ${!allApproved && notOver && html`<p class="warn-note">This period runs until ${format.calendarDay(period.to)}: approving now locks shifts still to come too.</p>`}
    ${!allApproved && unresolved > 0 &&
    html`<p class="warn-note">${unresolved} ${unresolved === 1 ? 'shift still needs' : 'shifts still need'} attention: missed, or missing a check-in or check-out.${' '}
      <a href="/app/attention" onClick=${(e) => { e.preventDefault(); app.navigate('/app/attention'); }}>Fix them first</a>, or approve as they are.</p>`}
    <p class="hint">${allApproved ? 'Approved shifts are locked: reopen the period to correct them.' : 'Approving locks every shift in the period against changes until it is reopened.'}</p>
    <${ErrorMessage} error=${approve.error} />
    ${reopening &&
    html`<form class="fix-form" aria-label="Reopen the period" onSubmit=${reopen.submit}>
      <div class="field grow">
        <label for="reopen-reason">Why reopen it?</label>
        <input id="reopen-reason" value=${reason} maxlength="500" required placeholder="e.g. Asha’s Monday check-out was wrong" onInput=${(e) => setReason(e.currentTarget.value)} />
        <${FieldError} error=${reopen.error} field="reason" />
      </div>
      <div class="field buttons">
        <button type="submit" class="primary small" disabled=${reopen.busy}>${reopen.busy ? 'Reopening…' : 'Reopen period'}</button>
        <button type="button" class="secondary small" onClick=${() => setReopening(false)}>Cancel</button>
      </div>
      <${ErrorMessage} error=${formLevel(reopen.error, ['reason'])} />
    </form>`}
  </div>`;
}

/** The ledger's own check: the chain recomputed and every recorded row compared with its entry. */
function LedgerCheck({ version }) {
  const check = useData(() => get('/api/audit/verify'), [version]);
  if (check.error) return html`<span class="pill warn" role="status">Ledger not checked: ${check.error.message}</span>`;
  if (!check.data) return html`<span class="pill off" role="status">Checking the ledger…</span>`;
  const { ok, entries, firstBroken, reason } = check.data;
  return ok
    ? html`<span class="pill ok" role="status" title=${`Head ${check.data.head ?? ''}`}>Ledger verified ✓ (${entries} entries)</span>`
    : html`<span class="pill bad" role="alert">Ledger check failed at entry ${firstBroken}: ${reason}</span>`;
}
