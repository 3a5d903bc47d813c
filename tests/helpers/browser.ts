/**
 * Kept for `bench/kiosk-ui.ts`, which imports these names from here; tests
 * import `chromium.ts` and `kiosk-page.ts` instead.
 */
export { button, launchChromium, until, type Page } from './chromium.js';
