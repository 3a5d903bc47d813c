// @ts-check
// One occurrence's punch history: every punch as recorded, each correction
// (before → after), each void and the absence, with who, when and why; and,
// on request, the ledger entries that record them.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useFormat } from '../app-state.js';
import { absenceLabels, punchKindLabels, punchesOf, sourceLabels } from '../timesheet.js';
import { Loaded, useData } from '../ui.js';

/**
 * @typedef {import('../timesheet.js').Entry} Entry
 * @typedef {import('../timesheet.js').Punch} Punch
 * @typedef {{ at: string, who: string, what: string, why: string | null }} Change
 */

/**
 * What happened to an occurrence's punches, oldest first.
 * @param {Entry} entry
 * @param {(userId: number | null) => string} whoIs
 * @param {import('../app-state.js').Format} format
 * @returns {Change[]}
 */
export function changesOf(entry, whoIs, format) {
  /** @type {Change[]} */
  const changes = [];
  for (const kind of /** @type {const} */ (['check_in', 'check_out'])) {
    const label = punchKindLabels[kind];
    const punches = punchesOf(kind === 'check_in' ? entry.checkIn : entry.checkOut);
    punches.forEach((p, i) => {
      const before = i > 0 ? punches[i - 1] : null;
      if (p.source !== 'manager') {
        // Recorded as it happened: the server sends `recordedAt` for a manager's punches only.
        changes.push({ at: p.recordedAt ?? p.at, who: entry.staffName, what: `${label} ${format.time(p.at)} ${sourceLabels[p.source] ?? ''}`, why: null });
      } else if (before) {
        changes.push({ at: p.recordedAt ?? p.at, who: whoIs(p.createdBy ?? null), what: `${label} changed ${format.time(before.at)} → ${format.time(p.at)}`, why: p.reason ?? '' });
      } else {
        changes.push({ at: p.recordedAt ?? p.at, who: whoIs(p.createdBy ?? null), what: `${label} added: ${format.time(p.at)}`, why: p.reason ?? '' });
      }
      // A kiosk's own void (*Not you?*) names no user: its reason names the kiosk.
      if (p.voided) changes.push({ at: p.voided.at, who: p.voided.by === null ? 'the kiosk' : whoIs(p.voided.by), what: `${label} ${format.time(p.at)} voided`, why: p.voided.reason });
    });
  }
  return changes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** @param {{ entry: Entry, whoIs: (userId: number | null) => string }} props */
export function PunchHistory({ entry, whoIs }) {
  const format = useFormat();
  const [ledger, setLedger] = useState(false);
  const changes = changesOf(entry, whoIs, format);
  const ids = ['check_in', 'check_out'].flatMap((kind) => punchesOf(kind === 'check_in' ? entry.checkIn : entry.checkOut).map((p) => p.id));
  return html`<div class="history" aria-label=${`Punch history: ${entry.staffName}, ${format.calendarDay(entry.date)}`} role="region">
    ${changes.length === 0 && !entry.absence
      ? html`<p class="hint">No punches recorded for this shift.</p>`
      : html`<table class="compact">
          <thead><tr><th>When</th><th>Who</th><th>What</th><th>Why</th></tr></thead>
          <tbody>
            ${changes.map((c) => html`<tr><td class="nowrap">${format.dateTime(c.at)}</td><td>${c.who}</td><td>${c.what}</td><td>${c.why ? `“${c.why}”` : '–'}</td></tr>`)}
            ${entry.absence && html`<tr><td>–</td><td>a manager</td><td>Excused: ${absenceLabels[entry.absence.type]}</td><td>${entry.absence.note ? `“${entry.absence.note}”` : '–'}</td></tr>`}
          </tbody>
        </table>`}
    ${ids.length > 0 &&
    (ledger
      ? html`<${LedgerEntries} ids=${ids} whoIs=${whoIs} />`
      : html`<button class="link" onClick=${() => setLedger(true)}>Show ledger entries</button>`)}
  </div>`;
}

/** The ledger's entries for these punches, newest first. @param {{ ids: number[], whoIs: (userId: number | null) => string }} props */
function LedgerEntries({ ids, whoIs }) {
  const format = useFormat();
  const state = useData(async () => {
    const pages = await Promise.all(ids.map((id) => get(`/api/audit/?entity=attendance:${id}`)));
    return pages.flatMap((page) => page.entries).sort((a, b) => b.seq - a.seq);
  }, [ids.join(',')]);
  return html`<${Loaded} state=${state} what="Loading ledger entries">
    ${(entries) => html`<table class="compact ledger">
      <caption>Ledger entries</caption>
      <thead><tr><th>Entry</th><th>When</th><th>Action</th><th>Actor</th><th>Hash</th></tr></thead>
      <tbody>${entries.map(
        (e) => html`<tr><td>${e.seq}</td><td class="nowrap">${format.dateTime(e.at)}</td><td><code>${e.action}</code></td><td>${e.actor.kind === 'user' ? whoIs(e.actor.id) : `${e.actor.kind}${e.actor.id != null ? ` ${e.actor.id}` : ''}`}</td><td><code title=${e.hash}>${e.hash.slice(0, 12)}…</code></td></tr>`,
      )}</tbody>
    </table>`}
  <//>`;
}
