// @ts-check
// The two copy forms of the weekly template, shown above the grid: a day of
// one person's to other days, and one person's week to other people. Each
// says what it will add, adds it shift by shift with progress, and reports
// what it could not add and why.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { weekdays } from '../format.js';
import { planDayCopy, planWeekCopy } from '../roster-copy-plan.js';

/**
 * @typedef {import('../roster-copy-plan.js').Shift} Shift
 * @typedef {import('../roster-copy-plan.js').Person} Person
 * @typedef {import('../roster-copy-plan.js').CopyPlan} CopyPlan
 * @typedef {{ copied: number, skipped: string[] }} CopyResult
 * @typedef {{ kind: 'day', person: Person, day: string } | { kind: 'week', person: Person }} CopySource
 */

/**
 * Adds a plan's shifts one at a time; what the server refuses is kept with its sentence.
 * @param {(result: CopyResult) => void} onDone
 */
function useCopy(onDone) {
  const [progress, setProgress] = useState(/** @type {{ done: number, total: number } | null} */ (null));
  async function run(/** @type {CopyPlan} */ plan, /** @type {Map<number, string>} */ names) {
    const skipped = [...plan.skipped];
    let copied = 0;
    setProgress({ done: 0, total: plan.add.length });
    for (const [i, shift] of plan.add.entries()) {
      try {
        await post('/api/shifts/', shift);
        copied += 1;
      } catch (error) {
        skipped.push(`${names.get(shift.staff)} ${shift.day_of_week} ${shift.shift_start}–${shift.shift_end}: ${/** @type {any} */ (error).message}`);
      }
      setProgress({ done: i + 1, total: plan.add.length });
    }
    setProgress(null);
    onDone({ copied, skipped });
  }
  return { progress, run };
}

/**
 * @param {{ source: CopySource, staff: Person[], shifts: Shift[], onDone: (result: CopyResult) => void, onCancel: () => void }} props
 */
export function CopyPanel({ source, staff, shifts, onDone, onCancel }) {
  const { person } = source;
  const choices =
    source.kind === 'day'
      ? weekdays.filter((d) => d !== source.day).map((d) => ({ key: d, label: d, off: person.weekly_off_days.split(',').includes(d) }))
      : staff.filter((p) => p.id !== person.id).map((p) => ({ key: String(p.id), label: p.name, off: false }));
  const [picked, setPicked] = useState(/** @type {string[]} */ ([]));
  const copy = useCopy(onDone);
  const names = new Map(staff.map((p) => [p.id, p.name]));
  const plan =
    source.kind === 'day'
      ? planDayCopy(person, source.day, picked, shifts)
      : planWeekCopy(person, staff.filter((p) => picked.includes(String(p.id))), shifts, weekdays);
  const title = source.kind === 'day' ? `Copy ${person.name}’s ${source.day} to other days` : `Copy ${person.name}’s week to other people`;
  const all = choices.filter((c) => !c.off).map((c) => c.key);
  const toggle = (/** @type {string} */ key) => setPicked((now) => (now.includes(key) ? now.filter((k) => k !== key) : [...now, key]));

  return html`<form class="card copy-panel" aria-label=${title} noValidate onSubmit=${(/** @type {Event} */ e) => {
      e.preventDefault();
      if (plan.add.length > 0 || plan.skipped.length > 0) copy.run(plan, names);
    }} onKeyDown=${(/** @type {KeyboardEvent} */ e) => e.key === 'Escape' && onCancel()}>
    <h2>${title}</h2>
    <fieldset>
      <legend>${source.kind === 'day' ? 'To these days' : 'To these people'}</legend>
      ${choices.map(
        (c, i) => html`<label class="check">
          <input type="checkbox" checked=${picked.includes(c.key)} disabled=${c.off || copy.progress !== null} onChange=${() => toggle(c.key)} autoFocus=${i === 0} />
          ${c.label}${c.off ? html` <span class="hint">(day off)</span>` : ''}
        </label>`,
      )}
      <button type="button" class="link" disabled=${copy.progress !== null} onClick=${() => setPicked(picked.length === all.length ? [] : all)}>
        ${picked.length === all.length ? 'Clear' : source.kind === 'day' ? 'All working days' : 'Everyone'}
      </button>
    </fieldset>
    <p class="hint" role="status">
      ${copy.progress
        ? `Copying ${copy.progress.done} of ${copy.progress.total}…`
        : picked.length === 0
          ? 'Pick where to copy to.'
          : `${plan.add.length} ${plan.add.length === 1 ? 'shift' : 'shifts'} will be added${plan.skipped.length ? `; ${plan.skipped.length} left out (days off)` : ''}. Shifts already there stay.`}
    </p>
    <div class="row">
      <button type="submit" class="primary small" disabled=${copy.progress !== null || plan.add.length === 0}>Copy</button>
      <button type="button" class="secondary small" disabled=${copy.progress !== null} onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
