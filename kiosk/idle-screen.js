// @ts-check
// Between people: the PIN dots, the last message (or the lockout countdown)
// and the pad.
import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { pinLength } from './check-in-flow.js';
import { PinPad } from './pin-pad.js';

/**
 * @param {{ lead: string, alert: string | null, enabled: boolean, onSubmit(pin: string): void }} props
 */
export function IdleScreen({ lead, alert, enabled, onSubmit }) {
  const [pin, setPin] = useState('');
  // The latest PIN, for Enter pressed before the last digit has been drawn.
  const pinRef = useRef('');
  /** @param {(current: string) => string} update */
  const change = (update) =>
    setPin((current) => {
      pinRef.current = update(current);
      return pinRef.current;
    });
  const submit = () => {
    if (pinRef.current.length === pinLength && enabled) {
      onSubmit(pinRef.current);
      pinRef.current = '';
      setPin('');
    }
  };
  return html`
    <section class="screen idle">
      <p class="lead">${lead}</p>
      <div class="dots" aria-label=${`${pin.length} of ${pinLength} digits entered`}>
        ${Array.from({ length: pinLength }, (_, i) => html`<span class=${i < pin.length ? 'dot filled' : 'dot'}></span>`)}
      </div>
      ${alert && html`<p class="message error" role="alert">${alert}</p>`}
      <${PinPad} pin=${pin} length=${pinLength} enabled=${enabled} onChange=${change} onSubmit=${submit} />
    </section>
  `;
}
