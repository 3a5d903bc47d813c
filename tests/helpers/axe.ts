/**
 * axe-core, the accessibility engine, run inside a page: the violations it
 * finds in the page as it is now, and an assertion that none of them would
 * stop a person using a screen reader, a keyboard or poor eyesight.
 *
 * @example
 *   await assertNoSeriousViolations(page, 'the Live page');
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from './chromium.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** What axe finds on the page (every rule, every impact). */
export async function findViolations(page: Page): Promise<Violation[]> {
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => ({ target: n.target })) }));
  });
}

/** Fails naming each serious or critical violation: its rule, what it asks for and where. */
export async function assertNoSeriousViolations(page: Page, where: string): Promise<void> {
  const serious = (await findViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    on ${n.target.join(' ')}`).join('\n')}`).join('\n');
  assert.equal(serious.length, 0, `${where}: ${serious.length} serious or critical accessibility violations\n${report}`);
}

/**
 * Tabs through the page and fails unless every visible control (link,
 * button, field; one per radio group) is reached, and each shows a focus
 * outline (or ring) while focused.
 */
export async function assertKeyboardReachable(page: Page, where: string): Promise<void> {
  const count = await page.evaluate(() => {
    const focusable = 'a[href], button, input, select, textarea, [tabindex]';
    const seenGroups = new Set<string>();
    let n = 0;
    for (const element of document.querySelectorAll<HTMLElement>(focusable)) {
      delete element.dataset.tabStop;
      if (element.tabIndex < 0 || (element as HTMLButtonElement).disabled || !element.checkVisibility({ visibilityProperty: true })) continue;
      if (element instanceof HTMLInputElement && element.type === 'radio') {
        if (seenGroups.has(element.name)) continue;
        seenGroups.add(element.name);
        for (const radio of document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${element.name}"]`)) radio.dataset.tabStop = String(n);
        n++;
        continue;
      }
      element.dataset.tabStop = String(n++);
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return n;
  });
  const reached = new Set<string>();
  const unmarked: string[] = [];
  // Twice round and a little: where the first Tab lands depends on what was focused before.
  for (let press = 0; press < count * 2 + 3 && reached.size < count; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}”`;
      return { stop: element.dataset.tabStop ?? null, ring, name };
    });
    if (!focused) continue;
    if (focused.stop !== null) reached.add(focused.stop);
    if (!focused.ring) unmarked.push(focused.name);
  }
  const missed = await page.evaluate((reachedStops) => {
    return [...document.querySelectorAll<HTMLElement>('[data-tab-stop]')]
      .filter((element) => !reachedStops.includes(element.dataset.tabStop!))
      .map((element) => `${element.tagName.toLowerCase()} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}”`);
  }, [...reached]);
  assert.deepEqual(missed, [], `${where}: controls Tab never reaches`);
  assert.deepEqual([...new Set(unmarked)], [], `${where}: controls with no visible focus`);
}
