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

describe('every console page in Chromium', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('passes the WCAG 2.2 AA checks for an administrator, who may see every page', async () => {
    const password = 'a long and memorable passphrase';
    await site.services.users.add(
      { email: 'ada.admin@example.org', name: 'Ada Admin', role: 'administrator', password },
      'test',
    );
    const register = await site.services.register.getCurrentRegister();
    const activity = register.activities[0]?.id ?? '';
    const audience = register.audiences[0]?.id ?? '';
    const page = await site.newPage();
    await page.goto(`${site.baseUrl}/console/sign-in`);
    await page.fill('#email', 'ada.admin@example.org');
    await page.fill('#password', password);
    await Promise.all([page.waitForURL('**/console'), page.click('button.govuk-button')]);
    const pages: [string, string][] = [
      ['console-dashboard', '/console'],
      ['console-requests-empty', '/console/requests'],
      ['console-new-request', '/console/requests/new'],
      ['console-complaints', '/console/complaints'],
      ['console-register', '/console/register'],
      ['console-activities', '/console/register/activities'],
      ['console-activity', `/console/register/activities/${activity}`],
      ['console-data-categories', '/console/register/data-categories'],
      ['console-retention', '/console/register/retention'],
      ['console-recipients', '/console/register/recipients'],
      ['console-sharing-agreements', '/console/register/sharing-agreements'],
      ['console-register-versions', '/console/register/versions'],
      ['console-article-30', '/console/register/article-30'],
      ['console-notices', '/console/notices'],
      ['console-notice-preview', `/console/notices/${audience}/preview`],
      ['console-systems', '/console/systems'],
      ['console-audit', '/console/audit'],
      ['console-reports', '/console/reports'],
      ['console-outbox', '/console/outbox'],
      ['console-users', '/console/users'],
      ['console-add-user', '/console/users/new'],
      ['privacy-notice', `/privacy/notices/${audience}`],
      ['privacy-complaint', '/privacy/complaints/new'],
    ];
    for (const [name, path] of pages) {
      const response = await page.goto(site.baseUrl + path);
      expect(response?.status(), path).toBe(200);
      await expectAccessible(page, name);
      if (['console-register', 'console-audit', 'console-reports', 'console-notices'].includes(name))
        await keepScreenshot(page, name);
    }
    await page.context().close();
  });
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
