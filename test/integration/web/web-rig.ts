/**
 * What the web page tests share: the real router on a loopback server over DynamoDB Local, seeded
 * through the real write path, and headless Chromium (found by test/support/requirements.ts) whose
 * requests beyond the loopback origin are answered by a stand-in, so the page never reaches out.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { folderAssets } from '../../../lambdas/adapters/http-server/web-assets';
import { LoopbackHttpServer } from '../../../lambdas/adapters/http-server/node-http-server';
import { silentLogger } from '../../../lambdas/adapters/log/json-logger';
import type { Catalog } from '../../../lambdas/core/catalog';
import type { Store } from '../../../lambdas/core/ports';
import { createRouter } from '../../../lambdas/http/router';
import { freshStore } from '../../support/dynamo';
import { findChromium } from '../../support/requirements';

const ROOT = join(__dirname, '..', '..', '..');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface WebRig {
  store: Store;
  base: string;
  browser: Browser;
  /** A fresh page of this width; uncaught page errors and every 4xx/5xx response are collected. */
  open(width: number): Promise<Page>;
  pageErrors: string[];
  failedResponses: string[];
  close(): Promise<void>;
}

export async function startWebRig(prefix: string, catalog?: Catalog): Promise<WebRig> {
  const store = await freshStore(prefix);
  const router = createRouter({
    store,
    settings: { cursorSecret: 'web-test-secret-0123456789', baseUrl: null, unsubscribeSecret: null },
    assets: folderAssets(join(ROOT, 'web')),
    logger: silentLogger,
    catalog,
  });
  const server = new LoopbackHttpServer(router);
  const base = await server.start();
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS });
  const pageErrors: string[] = [];
  const failedResponses: string[] = [];
  const pages: Page[] = [];
  return {
    store,
    base,
    browser,
    pageErrors,
    failedResponses,
    async open(width) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      pages.push(page);
      page.on('pageerror', (err) => pageErrors.push(err.message));
      page.on('response', (res) => {
        if (res.status() >= 400) failedResponses.push(`${res.status()} ${res.url()}`);
      });
      // The page must never reach beyond its origin; a source link followed is answered here.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<title>stand-in for the source page</title>' }),
      );
      return page;
    },
    async close() {
      for (const p of pages) await p.close();
      await browser.close();
      await server.stop();
    },
  };
}

/** Waits for the change list to settle and returns its titles. */
export async function listTitles(page: Page): Promise<string[]> {
  await page
    .locator('#list-status')
    .filter({ hasText: /change\(s\) shown|No changes|not a known/ })
    .waitFor();
  return page.locator('#changes li a.title').allTextContents();
}

/** How much wider than its viewport the page is (0 when nothing overflows sideways). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
