// @ts-check
// A check-in photo shown large, over the page; Escape or a click closes it.
import { html } from 'htm/preact';
import { useEffect } from 'preact/hooks';

export function PhotoViewer({ photo, onClose }) {
  useEffect(() => {
    const onKey = (event) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return html`<div class="overlay" role="dialog" aria-modal="true" aria-label="Photo" onClick=${onClose}>
    <figure>
      <img src=${photo.url} alt=${photo.caption} />
      <figcaption>${photo.caption} <button class="secondary" onClick=${onClose}>Close</button></figcaption>
    </figure>
  </div>`;
}
