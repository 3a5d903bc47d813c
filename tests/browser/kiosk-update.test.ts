/**
 * A new server version updates a running kiosk by itself: the server
 * restarts as another release (a copy of this tree with one kiosk file
 * changed, started on the same port and database), the kiosk reconnects,
 * the browser finds the new worker, which installs, takes over and drops the
 * old release's cache, and the kiosk reloads into the new release.
 */
import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import type { startRollcall as StartRollcall } from '../../server/start-rollcall.js';
import type { Page } from '../helpers/chromium.js';
import { expectPadReady, useKioskPage } from '../helpers/kiosk-page.js';
import type { TestServer } from '../helpers/test-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ctx = useKioskPage(test);

/** A copy of the server and the apps with the kiosk's CSS one comment longer: the same code, another release. */
async function nextReleaseTree(): Promise<string> {
  const tree = await mkdtemp(path.join(tmpdir(), 'rollcall-next-release-'));
  for (const entry of ['server', 'storage', 'kiosk', 'admin', 'package.json', 'tsconfig.json']) await cp(path.join(root, entry), path.join(tree, entry), { recursive: true });
  await symlink(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
  await appendFile(path.join(tree, 'kiosk', 'kiosk.css'), '\n/* the next release */\n');
  return tree;
}

/** The copy's own modules, so its release is computed from its own files; the same port, database, clock and secrets as `server`. */
async function startFromTree(tree: string, server: TestServer) {
  const { startRollcall } = (await import(path.join(tree, 'server', 'start-rollcall.ts'))) as { startRollcall: typeof StartRollcall };
  const { config, secrets, logger } = server.deps;
  return startRollcall({ database: server.database, photoDir: server.photoDir, clock: server.clock, secrets, logger, config, listen: { port: Number(new URL(server.url).port), host: '127.0.0.1' } });
}

const releaseOf = (html: string) => /"\/kiosk\/r\/([0-9a-f]{12})\/main\.js"/.exec(html)![1]!;
const pageRelease = (page: Page) => page.evaluate(() => document.querySelector('script[type=module]')!.getAttribute('src'));
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

test('the server restarts as a new release: the kiosk installs its worker, drops the old cache and reloads into it', async () => {
  await ctx.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const before = releaseOf(await ctx.page.content());
  assert.deepEqual(await cacheNames(ctx.page), [`rollcall-kiosk-${before}`]);
  const tree = await nextReleaseTree();
  try {
    await ctx.server.restart(async () => {
      const next = await startFromTree(tree, ctx.server);
      try {
        const after = releaseOf(await (await fetch(`${ctx.server.url}/kiosk`)).text());
        assert.notEqual(after, before, 'the copy is another release');
        await expectPadReady(ctx.page);
        // What the kiosk's own timer does every few minutes, done now.
        await ctx.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
        await ctx.page.waitForFunction((release) => document.querySelector('script[type=module]')?.getAttribute('src')?.includes(`/r/${release}/`), after);
        assert.equal(await pageRelease(ctx.page), `/kiosk/r/${after}/main.js`);
        await expectPadReady(ctx.page);
        assert.deepEqual(await cacheNames(ctx.page), [`rollcall-kiosk-${after}`]);
      } finally {
        await next.close();
      }
    });
  } finally {
    await rm(tree, { recursive: true, force: true });
  }
});

test.run();
