// @ts-check
// Between people: the last message (or the lockout countdown) in a slot of
// its own above the pad, so the pad never moves under a finger, then the
// PIN dots and the pad.
import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { pinLength } from './check-in-flow.js';
import { PinPad } from './pin-pad.js';

/**
 * @param {{ lead: string, alert: string | null, alertIsError: boolean, enabled: boolean, onSubmit(pin: string): void }} props
 */
export function IdleScreen({ lead, alert, alertIsError, enabled, onSubmit }) {
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
      <div class="message-slot" role=${alertIsError ? 'alert' : 'status'}>
        ${alert && html`<p class=${alertIsError ? 'message error' : 'message info'}>${alert}</p>`}
      </div>
      <h1 class="lead">${lead}</h1>
      <div class="dots" role="img" aria-label=${`${pin.length} of ${pinLength} digits entered`}>
        ${Array.from({ length: pinLength }, (_, i) => html`<span class=${i < pin.length ? 'dot filled' : 'dot'}></span>`)}
      </div>
      <${PinPad} pin=${pin} length=${pinLength} enabled=${enabled} onChange=${change} onSubmit=${submit} />
    </section>
  `;
}
