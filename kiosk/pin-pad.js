// @ts-check
// The PIN pad: real buttons for touch and mouse, and the physical keyboard
// (digits, Backspace, Enter) for a laptop.
import { html } from 'htm/preact';
import { useLayoutEffect } from 'preact/hooks';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Clear', '0', 'OK'];

/**
 * `onChange` receives an updater function: keys typed faster than the screen
 * redraws must each build on the one before.
 */
export function PinPad({ pin, length, enabled, onChange, onSubmit }) {
  const press = (key) => {
    if (!enabled) return;
    if (key === 'Clear') onChange(() => '');
    else if (key === 'OK') onSubmit();
    else onChange((current) => (current.length < length ? current + key : current));
  };

  // A layout effect, attached as the pad is drawn: a plain effect waits for the next frame,
  // and a digit typed in between (right after the previous person finished) would be lost.
  useLayoutEffect(() => {
    const onKey = (event) => {
      if (event.target instanceof HTMLInputElement) return;
      if (/^[0-9]$/.test(event.key)) press(event.key);
      else if (event.key === 'Backspace') enabled && onChange((current) => current.slice(0, -1));
      else if (event.key === 'Enter') press('OK');
      else if (event.key === 'Escape') press('Clear');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return html`
    <div class="pin-pad" role="group" aria-label="PIN pad">
      ${keys.map(
        (key) => html`<button
          type="button"
          class=${key === 'OK' ? 'key ok' : key === 'Clear' ? 'key clear' : 'key'}
          disabled=${!enabled || (key === 'OK' && pin.length !== length)}
          onClick=${() => press(key)}
        >${key}</button>`,
      )}
    </div>
  `;
}
