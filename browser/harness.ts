import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/config/config.ts';
import { buildApp } from '../src/http/app.ts';
import { createServices, type Services } from '../src/services.ts';
import { createTestStore, type TestStore } from '../src/testing/test-store.ts';

/** Debian's Chromium; a test tool's own browser download is never used. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The WCAG 2.2 A and AA rules of axe-core (and the earlier versions' rules they include). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export const SCREENSHOTS_DIR = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');

export interface Site {
  readonly baseUrl: string;
  readonly services: Services;
  readonly browser: Browser;
  /** A new page in its own browser context (its own cookies), as axe requires. */
  newPage(width?: number): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Custodian on a real port over a fresh test store (the example organisation loaded and its
 * notices published), and Debian's Chromium to visit it.
 */
export async function openSite(): Promise<Site> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium was not found at ${CHROMIUM}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  const store: TestStore = await createTestStore();
  const config = loadConfig({
    NODE_ENV: 'test',
    ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
  });
  const services = createServices({ config, store, now: () => new Date() });
  await services.register.importExampleIfEmpty(config.exampleRegisterDir);
  for (const notice of await services.notices.list())
    await services.notices.publish(notice.audienceId, 'test');
  const app: FastifyInstance = await buildApp(services);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    baseUrl: address,
    services,
    browser,
    async newPage(width = 1100) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await app.close();
      await store.close();
    },
  };
}

/** Fails the test if axe finds any WCAG 2.2 A or AA violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
  );
  if (problems.length > 0)
    throw new Error(
      `axe found ${String(problems.length)} WCAG 2.2 A/AA violation(s) on ${what} (${page.url()}):\n${problems.join('\n')}`,
    );
}

/** Keeps a screenshot of the page for the README when SCREENSHOTS=1. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  if (process.env['SCREENSHOTS'] !== '1') return;
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const image = await page.screenshot({ fullPage: true });
  await writeFile(path.join(SCREENSHOTS_DIR, `${name}.png`), image);
}

/**
 * Moves focus with the Tab key, as a keyboard user would, until the focused element matches
 * `selector`; fails if it is not reached in `limit` presses.
 */
export async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate(
      `(() => { const el = document.activeElement; return !!el && el.matches(${JSON.stringify(selector)}); })()`,
    );
    if (reached === true) return;
  }
  throw new Error(`Tab did not reach ${selector} on ${page.url()} within ${String(limit)} presses`);
}

/** Tabs to a field and types into it. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Tabs to a button or link and presses Enter, then waits for the next page. */
export async function activate(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the plainest way to wait for a form's next page
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}
