/**
 * Kept for `bench/admin-live.ts`, which imports these names from here; tests
 * import `chromium.ts` and `admin-page.ts` instead. `launchBrowser` is the
 * one launcher, `launchChromium`, under its old name.
 */
export { launchChromium as launchBrowser, type Page } from './chromium.js';
export { planToday, weekdayNames } from './admin-page.js';
