/**
 * `npm run docs:screenshots`: the README's web page screenshots, taken in headless Chromium from what
 * the last `npm run demo` recorded (its demo store, served by the real router), at 1280 and 390 px.
 * Written by this command and reviewed by a person; never by a test.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { LoopbackHttpServer } from '../../lambdas/adapters/http-server/node-http-server';
import { demoStoreConfig } from '../../lambdas/cli/demo-command';
import { projectRoot, readConfig, withRuntime } from '../../lambdas/cli/cli-context';
import { catalogOf } from '../../lambdas/config-catalog';
import { queryApiRouter } from '../../lambdas/http/query-api-composition';
import { findChromium } from '../../test/support/requirements';

const ROOT = projectRoot();
const SHOTS: { file: string; width: number; height: number; path: string; ready: string }[] = [
  { file: 'web-page.png', width: 1280, height: 1000, path: '/', ready: '#changes li' },
  { file: 'web-page-390.png', width: 390, height: 1500, path: '/', ready: '#changes li' },
  { file: 'web-page-sources.png', width: 1280, height: 1000, path: '/?view=sources', ready: '#sources li' },
  { file: 'web-page-sources-390.png', width: 390, height: 1500, path: '/?view=sources', ready: '#sources li' },
];

async function shoot(page: Page, base: string, shot: (typeof SHOTS)[number]): Promise<void> {
  await page.setViewportSize({ width: shot.width, height: shot.height });
  await page.goto(`${base}${shot.path}`);
  await page.locator(shot.ready).first().waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (wide > 0) throw new Error(`${shot.path} at ${shot.width} px is ${wide} px wider than the window.`);
  await page.screenshot({ path: join(ROOT, 'docs', shot.file) });
  process.stdout.write(`wrote docs/${shot.file} (${shot.width} × ${shot.height})\n`);
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = demoStoreConfig(readConfig({}));
  await withRuntime(config, { local: { shared: true } }, async (rt) => {
    const { items } = await rt.store.listChanges({ limit: 1 });
    if (!items.length) throw new Error('The demo store is empty: run npm run demo first.');
    const changed = (await rt.store.listChanges({ type: 'document-changed', limit: 1 })).items[0];
    const shots = [
      ...SHOTS,
      ...(changed
        ? [
            {
              file: 'web-page-change.png',
              width: 1280,
              height: 1000,
              path: `/?change=${changed.changeId}`,
              ready: '#diff ins',
            },
          ]
        : []),
    ];
    const settings = { cursorSecret: randomBytes(24).toString('hex'), baseUrl: null, unsubscribeSecret: null };
    const server = new LoopbackHttpServer(queryApiRouter(rt, settings, join(ROOT, 'web'), catalogOf(config)));
    const base = await server.start();
    const browser = await chromium.launch({
      executablePath: findChromium() ?? undefined,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      // Nothing leaves the machine: links to the real sites are never followed here.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      for (const shot of shots) await shoot(page, base, shot);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`docs:screenshots failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
