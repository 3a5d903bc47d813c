// @ts-check
// The top of a staff member's home, for a glance at a phone: are they checked
// in, and when is their next shift. Worked out from their own roster and
// attendance, the two lists the page loads anyway.
import { html } from 'htm/preact';
import { useFormat } from '../app-state.js';

/**
 * @typedef {{ date: string, shiftId: number, start: string, end: string, checkIn: { opensAt: string, closesAt: string }, checkOut: { opensAt: string, closesAt: string } }} RosterEntry
 * @typedef {{ id: number, kind: 'check_in' | 'check_out', timestamp: string, shift: number, date: string, supersedes: number | null }} Punch
 */

/**
 * Their current punch state per occurrence: the last check-in with no
 * check-out after it, among the shifts that have not ended yet.
 * @param {RosterEntry[]} shifts  from today on, in order
 * @param {Punch[]} punches  newest first
 * @param {number} now
 */
export function currentState(shifts, punches, now) {
  // A correction replaces a punch: only the newest of a chain counts.
  const replaced = new Set(punches.map((p) => p.supersedes).filter((id) => id !== null));
  const kept = punches.filter((p) => !replaced.has(p.id));
  const punchOf = (/** @type {RosterEntry} */ s, /** @type {string} */ kind) => kept.find((p) => p.shift === s.shiftId && p.date === s.date && p.kind === kind);
  const current = shifts.find((s) => Date.parse(s.checkOut.closesAt) > now && punchOf(s, 'check_in') && !punchOf(s, 'check_out'));
  if (current) return { state: /** @type {const} */ ('checked_in'), shift: current, since: /** @type {Punch} */ (punchOf(current, 'check_in')).timestamp };
  const next = shifts.find((s) => Date.parse(s.end) > now && !punchOf(s, 'check_out') && !(Date.parse(s.checkIn.closesAt) < now && !punchOf(s, 'check_in')));
  if (!next) return { state: /** @type {const} */ ('none') };
  const open = Date.parse(next.checkIn.opensAt) <= now;
  return { state: open ? /** @type {const} */ ('check_in_open') : /** @type {const} */ ('upcoming'), shift: next };
}

/** @param {{ shifts: RosterEntry[], punches: Punch[], now: number }} props */
export function NowCard({ shifts, punches, now }) {
  const format = useFormat();
  const today = format.date(now);
  const status = currentState(shifts, punches, now);
  const when = (/** @type {RosterEntry} */ s) =>
    `${s.date === today ? 'Today' : format.day(s.start)} ${format.time(s.start)}–${format.time(s.end)}`;
  if (status.state === 'none') {
    return html`<div class="card now-card"><p class="now-title">No shifts in the next 4 weeks.</p></div>`;
  }
  const s = status.shift;
  if (status.state === 'checked_in') {
    return html`<div class="card now-card in" role="status">
      <p class="now-title">Checked in since ${format.time(status.since)}</p>
      <p>Shift: ${when(s)} · check out from ${format.time(s.checkOut.opensAt)} to ${format.time(s.checkOut.closesAt)}</p>
    </div>`;
  }
  return html`<div class=${status.state === 'check_in_open' ? 'card now-card open' : 'card now-card'} role="status">
    <p class="now-title">Next shift: ${when(s)}</p>
    <p>${status.state === 'check_in_open'
      ? `Not checked in yet · check in at the kiosk until ${format.time(s.checkIn.closesAt)}`
      : `Check in from ${format.time(s.checkIn.opensAt)}${s.date === today ? '' : ` on ${format.day(s.checkIn.opensAt)}`}`}</p>
  </div>`;
}
