/**
 * axe-core on every page of the admin app, as the manager and as a staff
 * member, and on the kiosk's pairing screen and PIN pad: no serious or
 * critical violation. On the admin pages, Tab also reaches every control,
 * each with a visible focus outline. The pages are those of a day with
 * something on each (admin-tour.ts); the tests follow one another through
 * the app as a person would.
 */
import { test } from 'uvu';
import { managerStops, staffStops, useBusyDay } from '../helpers/admin-tour.js';
import { assertKeyboardReachable, assertNoSeriousViolations } from '../helpers/axe.js';
import { openPage, until, type Page } from '../helpers/chromium.js';
import { kioskPath, newPairingCode, pairThroughUi, quick } from '../helpers/kiosk-page.js';

const ctx = useBusyDay(test);
let staffPage: Page;

for (const stop of managerStops) {
  test(`manager: ${stop.name}`, async () => {
    await stop.open(ctx.page);
    await assertNoSeriousViolations(ctx.page, `manager, ${stop.name}`);
    await assertKeyboardReachable(ctx.page, `manager, ${stop.name}`);
  });
}

for (const stop of staffStops) {
  test(`staff: ${stop.name}`, async () => {
    staffPage ??= await ctx.signedIn(ctx.people.asha.username, ctx.people.asha.password);
    await stop.open(staffPage);
    await assertNoSeriousViolations(staffPage, stop.name);
    await assertKeyboardReachable(staffPage, stop.name);
  });
}

let kiosk: Page;

test('kiosk: the pairing screen', async () => {
  kiosk = await openPage(ctx.browser, ctx.server.url, kioskPath(quick));
  await until.visible(kiosk.getByLabel('Pairing code'));
  await assertNoSeriousViolations(kiosk, 'kiosk, pairing screen');
  await assertKeyboardReachable(kiosk, 'kiosk, pairing screen');
});

test('kiosk: the PIN pad, once paired', async () => {
  await pairThroughUi(kiosk, await newPairingCode(ctx));
  await assertNoSeriousViolations(kiosk, 'kiosk, PIN pad');
  await assertKeyboardReachable(kiosk, 'kiosk, PIN pad');
});

test.run();
