import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, keepScreenshot, openSite, type Site } from './harness.ts';

/** Pages anyone can reach, checked by axe at a desktop width and at a phone's (reflow, WCAG 1.4.10). */
describe('public pages in Chromium', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site.close();
  });

  for (const width of [1100, 320]) {
    it(`pass the WCAG 2.2 AA checks at ${String(width)}px wide`, async () => {
      const page = await site.newPage(width);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      for (const [name, path] of [
        ['sign-in', '/console/sign-in'],
        ['accessibility-statement', '/accessibility'],
        ['page-not-found', '/no-such-page'],
      ] as const) {
        await page.goto(site.baseUrl + path);
        await expectAccessible(page, name);
        if (width === 1100) await keepScreenshot(page, name);
      }
      // No script was blocked by the content security policy and none failed.
      expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
      await page.context().close();
    });
  }
});

describe('the accessibility check itself', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('fails a page with a planted violation (a form field without a label)', async () => {
    const page = await site.newPage();
    await page.goto(`${site.baseUrl}/accessibility`);
    await page.evaluate(
      `document.querySelector('main').insertAdjacentHTML('beforeend', '<input type="text" name="unlabelled">')`,
    );
    await expect(expectAccessible(page, 'planted')).rejects.toThrow(/label/);
    await page.context().close();
  });
});
