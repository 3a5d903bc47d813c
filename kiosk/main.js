import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('kiosk');
// Replace the "Starting…" placeholder rather than render beside it.
root.textContent = '';
render(html`<${App} />`, root);
