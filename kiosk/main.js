// @ts-check
import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app.js';
import { registerKioskWorker, reloadWhenQuiet } from './offline-app.js';
import { parseTimings } from './timings.js';

const root = document.getElementById('kiosk');
// Replace the "Starting…" placeholder rather than render beside it.
root.textContent = '';
// `?countdown=0&confirmSeconds=1` shortens the waits for tests; a real kiosk opens plain /kiosk.
render(html`<${App} timings=${parseTimings(location.search)} />`, root);
// The files running are the old release's: load the new one.
registerKioskWorker({ onUpdated: reloadWhenQuiet });
