// @ts-check
// Roster: the weekly template as a grid (staff × weekday) edited in place,
// and the dated view of any week with swaps and one-day changes marked.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { DatedWeek } from './roster-dated-week.js';
import { TemplateGrid } from './roster-template.js';

export function RosterPage() {
  const [view, setView] = useState('template');
  return html`
    <section>
      <div class="page-head">
        <h1>Roster</h1>
        <div class="tabs" role="tablist">
          <button role="tab" aria-selected=${view === 'template'} class=${view === 'template' ? 'tab active' : 'tab'} onClick=${() => setView('template')}>Weekly template</button>
          <button role="tab" aria-selected=${view === 'dated'} class=${view === 'dated' ? 'tab active' : 'tab'} onClick=${() => setView('dated')}>Dated week</button>
        </div>
      </div>
      ${view === 'template' ? html`<${TemplateGrid} />` : html`<${DatedWeek} />`}
    </section>
  `;
}
