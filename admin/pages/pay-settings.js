// @ts-check
// The "Pay and hours" part of Settings: how worked time becomes paid time
// (rounding, unpaid break, overtime) and how pay periods run. Each rule
// reads as a sentence; an empty number turns its rule off.
import { html } from 'htm/preact';
import { useFormat } from '../app-state.js';
import { DateField } from '../date-field.js';
import { weekdays } from '../format.js';
import { payPeriodLabels, payPeriodOf } from '../pay-periods.js';
import { FieldError } from '../ui.js';

/** The fields this section edits, for the form's own error handling. */
export const payFields = ['rounding_minutes', 'break_minutes', 'break_after_hours', 'overtime_daily_hours', 'overtime_weekly_hours', 'week_starts_on', 'pay_period', 'pay_period_anchor'];

const roundingChoices = [
  [0, 'minute (no rounding)'],
  [5, '5 minutes'],
  [6, '6 minutes (a tenth of an hour)'],
  [10, '10 minutes'],
  [15, '15 minutes'],
];

const anchorHints = {
  weekly: 'Any week’s first day: periods repeat every 7 days from it.',
  fortnightly: 'Any period’s first day: periods repeat every 14 days from it.',
  semimonthly: 'Not used: periods run from the 1st to the 15th and from the 16th to the month’s end.',
  monthly: 'Periods start on this day of each month (or the month’s last day when it is shorter).',
};

/**
 * @param {{ values: Record<string, any>, set: (change: Record<string, any>) => void, error: any }} props
 */
export function PaySettings({ values, set, error }) {
  const format = useFormat();
  /** A number input for hours or minutes: empty means `empty` (null: the rule is off). */
  const amount = (field, label, { min, max, step = 1, empty = null }) => html`<input id=${field} class="amount" type="number" aria-label=${label}
      min=${min} max=${max} step=${step} value=${values[field] ?? ''}
      onInput=${(e) => set({ [field]: e.currentTarget.value === '' ? empty : Number(e.currentTarget.value) })} />`;
  const errors = (...fields) => fields.map((field) => html`<${FieldError} error=${error} field=${field} />`);
  const period = values.pay_period_anchor ? payPeriodOf(format.date(Date.now()), values) : null;

  return html`<div class="pay-settings">
    <h2>Pay and hours</h2>
    <p class="hint">How worked time (check-out minus check-in) becomes paid time on timesheets and payroll exports. Leave a number empty to turn its rule off.</p>

    <h3>Rounding</h3>
    <div class="sentence">
      <label for="rounding_minutes">Round worked time to the nearest</label>
      <select id="rounding_minutes" value=${values.rounding_minutes ?? 0} onChange=${(e) => set({ rounding_minutes: Number(e.currentTarget.value) })}>
        ${roundingChoices.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
      </select>
    </div>
    ${errors('rounding_minutes')}

    <h3>Unpaid break</h3>
    <div class="sentence">
      <span>Unpaid break of</span> ${amount('break_minutes', 'Unpaid break (minutes)', { min: 0, max: 180, empty: 0 })}
      <span>minutes when a shift is longer than</span> ${amount('break_after_hours', 'Break after (hours)', { min: 0, max: 24, step: 0.25 })} <span>hours</span>
    </div>
    <span class="hint">0 minutes, or no hours: no break is deducted.</span>
    ${errors('break_minutes', 'break_after_hours')}

    <h3>Overtime</h3>
    <div class="sentence">
      <span>Overtime after</span> ${amount('overtime_daily_hours', 'Overtime after (hours in a shift)', { min: 1, max: 24, step: 0.25 })}
      <span>hours in a shift, or after</span> ${amount('overtime_weekly_hours', 'Overtime after (hours in a week)', { min: 1, max: 168, step: 0.25 })} <span>hours in a week</span>
    </div>
    <span class="hint">Time a shift counts as overtime is not counted again for the week.</span>
    ${errors('overtime_daily_hours', 'overtime_weekly_hours')}

    <label for="week_starts_on">Week starts on</label>
    <select id="week_starts_on" value=${values.week_starts_on} onChange=${(e) => set({ week_starts_on: e.currentTarget.value })}>
      ${weekdays.map((day) => html`<option value=${day}>${day}</option>`)}
    </select>
    <span class="hint">The week weekly overtime is counted in.</span>
    ${errors('week_starts_on')}

    <label for="pay_period">Pay period</label>
    <select id="pay_period" value=${values.pay_period} onChange=${(e) => set({ pay_period: e.currentTarget.value })}>
      ${Object.entries(payPeriodLabels).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
    </select>
    ${errors('pay_period')}

    <label for="pay_period_anchor">First day of a pay period</label>
    <${DateField} id="pay_period_anchor" value=${values.pay_period_anchor ?? ''} disabled=${values.pay_period === 'semimonthly'}
      onChange=${(date) => set({ pay_period_anchor: date })} />
    <span class="hint">${anchorHints[values.pay_period] ?? ''}</span>
    ${errors('pay_period_anchor')}
    ${period && html`<p class="current-period">The current pay period: <strong>${format.calendarDay(period.from)} – ${format.calendarDay(period.to)}</strong></p>`}
  </div>`;
}
