// @ts-check
// Builds the app state once, shares it with every page, and starts.
import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app.js';
import { AppStateContext, createAppState } from './app-state.js';

const app = createAppState();
const root = document.getElementById('app');
root.textContent = '';
render(html`<${AppStateContext.Provider} value=${app}><${App} /><//>`, root);
app.loadSession();
