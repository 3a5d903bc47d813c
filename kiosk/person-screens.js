// @ts-check
// The screens for the person at the kiosk, once their PIN is known: hello
// (choose a window, or count down to the photo), saving, and the confirmation.
import { html } from 'htm/preact';
import { alreadyDoneText } from './check-in-display.js';

/** @typedef {import('./check-in-flow.js').Step} Step */
/** @typedef {import('./check-in-flow.js').KioskWindow} KioskWindow */
/** @typedef {{ time(value: Date | number): string, date(value: Date | number): string }} TimeFormat */

const kindText = { check_in: 'Check in', check_out: 'Check out' };
const doneText = { check_in: 'Checked in', check_out: 'Checked out' };
/** Said before every photo while the face check is on: people are told their face is compared. */
export const faceNotice = 'It is compared with your reference photo, and a manager sees it if they differ.';

const statusText = { on_time: 'On time', late: 'Late', early: 'Before the end of your shift' };

/**
 * What the server wants the person to know, e.g. a shift they never checked out of.
 * @param {{ notice: string | null }} props
 */
function Notice({ notice }) {
  return notice ? html`<p class="notice" role="status">${notice}</p>` : null;
}

/**
 * Hello: with one window, what is about to be recorded; with two, a button for each.
 * @param {{ step: Extract<Step, { name: 'choosing' | 'countdown' }>, notice: string | null, format: TimeFormat, faceCheck: boolean, onChoose(window: KioskWindow): void, onCancel(): void }} props
 */
export function HelloScreen({ step, notice, format, faceCheck, onChoose, onCancel }) {
  /** @param {KioskWindow} w */
  const shiftText = (w) => `shift ${format.time(new Date(w.shiftStart))}–${format.time(new Date(w.shiftEnd))}`;
  return html`
    <section class="screen hello">
      <h1>Hello, ${step.staff.name}</h1>
      <${Notice} notice=${notice} />
      ${step.name === 'countdown'
        ? html`<p class="lead">${kindText[step.window.kind]} — ${shiftText(step.window)}</p>
            <p class="hint">Look at the camera. The photo is taken when the count reaches zero.${faceCheck ? ` ${faceNotice}` : ''}</p>`
        : html`<p class="lead">Which one?</p>
            <div class="choices">
              ${step.windows.map(
                (w) => html`<button class="primary big" onClick=${() => onChoose(w)}>${kindText[w.kind]}<small>${shiftText(w)}</small></button>`,
              )}
            </div>`}
      <button class="secondary" onClick=${onCancel}>Cancel</button>
    </section>
  `;
}

/**
 * The photo is taken and on its way (or waiting for the connection).
 * @param {{ step: Extract<Step, { name: 'capturing' }> }} props
 */
export function SavingScreen({ step }) {
  return html`<section class="screen hello">
    <h1>Hello, ${step.staff.name}</h1>
    <p class="lead">${step.retrying ? 'Photo taken. Please wait: it is sent as soon as the connection is back.' : 'Hold still…'}</p>
  </section>`;
}

/**
 * The name large, so someone whose PIN was mistyped into another person's sees it is not theirs and can take it back.
 * @param {{ step: Extract<Step, { name: 'confirmed' }>, notice: string | null, format: TimeFormat, onDone(): void, onNotYou(): void }} props
 */
export function ConfirmScreen({ step, notice, format, onDone, onNotYou }) {
  const { attendance } = step;
  /** @param {MouseEvent} event */
  const notYou = (event) => {
    // The whole screen finishes on a tap; this button must not.
    event.stopPropagation();
    onNotYou();
  };
  return html`
    <section class="screen confirmed" onClick=${onDone}>
      <p class="person-name">${step.staff.name}</p>
      <button class="secondary not-you" onClick=${notYou}>Not you? Cancel this ${attendance.kind === 'check_in' ? 'check-in' : 'check-out'}</button>
      <img class="photo" src=${step.photoUrl} alt=${`Photo of ${step.staff.name} just taken`} />
      <h1>${doneText[attendance.kind]} at ${format.time(new Date(attendance.timestamp))}</h1>
      <p class=${`status ${attendance.status}`}>${statusText[attendance.status] ?? attendance.status}</p>
      <${Notice} notice=${notice} />
      <p class="hint">Thank you. Tap to finish.</p>
    </section>
  `;
}

/**
 * A repeat PIN: what is already recorded, with no countdown and no photo.
 * @param {{ step: Extract<Step, { name: 'alreadyDone' }>, notice: string | null, format: TimeFormat, onDone(): void }} props
 */
export function AlreadyDoneScreen({ step, notice, format, onDone }) {
  return html`
    <section class="screen confirmed already" onClick=${onDone}>
      <p class="person-name">${step.staff.name}</p>
      <h1 aria-live="polite">${alreadyDoneText(step.windows, (value) => format.time(value))}</h1>
      <${Notice} notice=${notice} />
      <p class="hint">Nothing more to do. Tap to finish.</p>
    </section>
  `;
}

/**
 * *Not you?* pressed: the punch is being taken back.
 * @param {{ step: Extract<Step, { name: 'cancelling' }> }} props
 */
export function CancellingScreen({ step }) {
  return html`<section class="screen hello">
    <p class="lead" role="status">Cancelling the punch for ${step.staff.name}…</p>
  </section>`;
}

/**
 * Offline, before the photo: nobody can be named (the kiosk holds no PINs), so it says what happens instead.
 * @param {{ faceCheck: boolean, onCancel(): void }} props
 */
export function OfflineHelloScreen({ faceCheck, onCancel }) {
  return html`<section class="screen hello">
    <h1>Look at the camera</h1>
    <p class="lead">No connection to the server: your punch is saved on this kiosk and sent when the connection is back.</p>
    ${faceCheck && html`<p class="hint">${faceNotice}</p>`}
    <button class="secondary" onClick=${onCancel}>Cancel</button>
  </section>`;
}

/**
 * Saved offline: the photo, and that it will be sent. The time is the server's to judge, so none is promised here.
 * @param {{ step: Extract<Step, { name: 'saved' }>, waiting: number, onDone(): void }} props
 */
export function SavedScreen({ step, waiting, onDone }) {
  return html`
    <section class="screen confirmed saved" onClick=${onDone}>
      <img class="photo" src=${step.photoUrl} alt="Photo just taken" />
      <h1>Saved — it will be sent when the connection is back</h1>
      <p class="status">${waiting === 1 ? '1 punch is waiting on this kiosk.' : `${waiting} punches are waiting on this kiosk.`}</p>
      <p class="hint">If your PIN was mistyped, a manager is told when it is sent. Tap to finish.</p>
    </section>
  `;
}
