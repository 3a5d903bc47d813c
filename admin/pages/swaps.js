// @ts-check
// Swaps: staff propose, accept, decline and cancel; managers approve or reject.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { useFormat, useSession } from '../app-state.js';
import { addDays } from '../format.js';
import { Empty, ErrorMessage, Loaded, useData } from '../ui.js';

const statusLabels = {
  pending: 'Waiting for an answer',
  awaiting_manager: 'Waiting for a manager',
  done: 'Done',
  declined: 'Declined',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export function SwapsPage() {
  const { me } = useSession();
  const swaps = useData(() => get('/api/swaps/'));
  const [proposing, setProposing] = useState(false);
  const [error, setError] = useState(null);

  async function act(swap, action) {
    setError(null);
    try {
      await post(`/api/swaps/${swap.id}/${action}`);
      await swaps.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  return html`
    <section>
      <div class="page-head">
        <h1>Swaps</h1>
        ${me.staff && !proposing && html`<button class="primary" onClick=${() => setProposing(true)}>Propose a swap</button>`}
      </div>
      ${proposing && html`<${ProposeSwap} onDone=${() => { setProposing(false); swaps.reload(); }} onCancel=${() => setProposing(false)} />`}
      <${ErrorMessage} error=${error} />
      <${Loaded} state=${swaps} what="Loading swaps">
        ${(rows) =>
          rows.length === 0
            ? html`<${Empty}>No swaps yet.${me.staff ? ' Propose one to give a shift to a colleague or exchange shifts.' : ''}</${Empty}>`
            : html`<ul class="swap-list">${rows.map((swap) => html`<${SwapItem} swap=${swap} onAct=${act} />`)}</ul>`}
      <//>
    </section>
  `;
}

function SwapItem({ swap, onAct }) {
  const { me } = useSession();
  const format = useFormat();
  const mine = me.staff?.id;
  const when = (o) => `${format.day(o.start)} ${format.time(o.start)}–${format.time(o.end)}`;
  const actions = [];
  if (swap.status === 'pending' && swap.counterpart === mine) actions.push(['accept', 'Accept', 'primary'], ['decline', 'Decline', 'secondary']);
  if (['pending', 'awaiting_manager'].includes(swap.status) && (swap.proposer === mine || swap.counterpart === mine)) actions.push(['cancel', 'Cancel swap', 'secondary']);
  if (swap.status === 'awaiting_manager' && me.role === 'manager') actions.push(['approve', 'Approve', 'primary'], ['reject', 'Reject', 'danger']);
  return html`<li class="card swap">
    <p>
      <strong>${swap.proposerName}</strong> gives <strong>${swap.counterpartName}</strong> the shift on ${when(swap.shift)}${swap.inReturn
        ? html` and takes ${when(swap.inReturn)} in return`
        : ' (cover)'}.
    </p>
    ${swap.note && html`<p class="hint">“${swap.note}”</p>`}
    <p><span class=${`pill ${swap.status}`}>${statusLabels[swap.status] ?? swap.status}</span></p>
    ${actions.length > 0 &&
    html`<div class="row">${actions.map(([action, label, kind]) => html`<button class=${`${kind} small`} onClick=${() => onAct(swap, action)}>${label}</button>`)}</div>`}
  </li>`;
}

function ProposeSwap({ onDone, onCancel }) {
  const { me } = useSession();
  const format = useFormat();
  const today = format.date(Date.now());
  const mine = useData(() => get(`/api/roster/?from=${today}&to=${addDays(today, 27)}`));
  const people = useData(() => get('/api/staff/directory'));
  const [shift, setShift] = useState('');
  const [colleague, setColleague] = useState('');
  const [inReturn, setInReturn] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const theirs = useData(() => (colleague ? get(`/api/swaps/candidates?withStaff=${colleague}`) : Promise.resolve([])), [colleague]);
  const label = (o) => `${format.day(o.start)} ${format.time(o.start)}–${format.time(o.end)}`;
  const ref = (value) => {
    const [shiftId, date] = value.split('@');
    return { shiftId: Number(shiftId), date };
  };
  const upcoming = (mine.data ?? []).filter((o) => Date.parse(o.start) > Date.now());

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post('/api/swaps/', { shift: ref(shift), withStaff: Number(colleague), inReturn: inReturn ? ref(inReturn) : null, ...(note && { note }) });
      onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  return html`<form class="card form" onSubmit=${submit}>
    <h2>Propose a swap</h2>
    <label for="swap-shift">My shift</label>
    <select id="swap-shift" value=${shift} onChange=${(e) => setShift(e.currentTarget.value)} required>
      <option value="">${mine.loading ? 'Loading…' : upcoming.length ? 'Choose one of your shifts' : 'You have no shifts in the next 4 weeks'}</option>
      ${upcoming.map((o) => html`<option value=${`${o.shiftId}@${o.date}`}>${label(o)}</option>`)}
    </select>
    <label for="swap-colleague">Colleague</label>
    <select id="swap-colleague" value=${colleague} onChange=${(e) => { setColleague(e.currentTarget.value); setInReturn(''); }} required>
      <option value="">Choose a colleague</option>
      ${(people.data ?? []).filter((p) => p.id !== me.staff?.id).map((p) => html`<option value=${p.id}>${p.name}</option>`)}
    </select>
    <label for="swap-return">Their shift in return (optional)</label>
    <select id="swap-return" value=${inReturn} onChange=${(e) => setInReturn(e.currentTarget.value)} disabled=${!colleague}>
      <option value="">Nothing: ask them to cover my shift</option>
      ${(theirs.data ?? []).map((o) => html`<option value=${`${o.shiftId}@${o.date}`}>${label(o)}</option>`)}
    </select>
    <label for="swap-note">Note (optional)</label>
    <input id="swap-note" maxlength="500" value=${note} onInput=${(e) => setNote(e.currentTarget.value)} />
    <${ErrorMessage} error=${error} />
    <div class="row">
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Sending…' : 'Send proposal'}</button>
      <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
