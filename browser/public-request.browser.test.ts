import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  expectAccessible,
  keepScreenshot,
  openSite,
  tabTo,
  typeInto,
  type Site,
} from './harness.ts';

/** The link in the newest message sent to `to` whose text contains `path`. */
async function linkFromMail(site: Site, to: string, path: string): Promise<string> {
  const messages = await site.services.mail.list({ limit: 20 });
  const message = messages.find((m) => m.to === to && m.text.includes(path));
  expect(message, `a message to ${to} with a link to ${path}`).toBeDefined();
  const link = new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}\\S+`).exec(message?.text ?? '')?.[0];
  expect(link).toBeDefined();
  return new URL(link ?? '').pathname;
}

async function checkedValue(page: Page, name: string): Promise<unknown> {
  return page.evaluate(`document.querySelector('input[name="${name}"]:checked')?.value ?? null`);
}

describe('a request from the public form to closing it in the console', () => {
  let site: Site;
  let reference = '';
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('a member of the public makes an access request using only the keyboard', async () => {
    const page = await site.newPage();
    await page.goto(`${site.baseUrl}/privacy`);
    await expectAccessible(page, 'the privacy centre');
    await keepScreenshot(page, 'privacy-centre');

    // The first Tab stop is the skip link, as on every GOV.UK page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent.trim()')).toBe('Skip to main content');

    await activate(page, 'main a[href="/privacy/requests/new"]');
    await expectAccessible(page, 'the start page');
    await activate(page, 'a.govuk-button--start');

    // Which rights: tick "access" with the space bar.
    await expectAccessible(page, 'the rights question');
    await keepScreenshot(page, 'privacy-request-rights');
    await tabTo(page, 'input[name="rights"][value="access"]');
    await page.keyboard.press('Space');
    await activate(page, 'button.govuk-button');

    // Not acting for someone else: into the radio group, then the arrow key selects "No".
    await expectAccessible(page, 'the acting-for question');
    await tabTo(page, 'input[name="actingForSomeoneElse"]');
    await page.keyboard.press('ArrowDown');
    expect(await checkedValue(page, 'actingForSomeoneElse')).toBe('no');
    await activate(page, 'button.govuk-button');

    await expectAccessible(page, 'the name question');
    await typeInto(page, '#person-name', 'Priya Shah');
    await activate(page, 'button.govuk-button');

    // Sending the contact page empty shows the GOV.UK error summary, focused, with a link to the field.
    await expectAccessible(page, 'the contact question');
    await activate(page, 'button.govuk-button');
    await expectAccessible(page, 'the contact question with errors');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.evaluate('document.activeElement.classList.contains("govuk-error-summary")')).toBe(
      true,
    );
    await keepScreenshot(page, 'privacy-request-error');
    await typeInto(page, '#person-email', 'priya.shah@example.org');
    await tabTo(page, 'input[name="contactMethod"]');
    await page.keyboard.press('Space');
    expect(await checkedValue(page, 'contactMethod')).toBe('email');
    await activate(page, 'button.govuk-button');

    await expectAccessible(page, 'the date of birth question');
    await typeInto(page, '#person-dateOfBirth-day', '14');
    await typeInto(page, '#person-dateOfBirth-month', '3');
    await typeInto(page, '#person-dateOfBirth-year', '1988');
    await activate(page, 'button.govuk-button');

    await expectAccessible(page, 'the previous details question');
    await activate(page, 'button.govuk-button');

    await expectAccessible(page, 'the looking-for question');
    await typeInto(
      page,
      '#lookingFor-description',
      'Everything you hold about me, including notes of my calls.',
    );
    await activate(page, 'button.govuk-button');

    await expectAccessible(page, 'check your answers');
    await keepScreenshot(page, 'privacy-request-check-answers');
    const summary = await page.textContent('main');
    expect(summary).toContain('Priya Shah');
    expect(summary).toContain('priya.shah@example.org');
    await activate(page, 'button.govuk-button');

    // Not received yet: the email address must be confirmed first.
    await expectAccessible(page, 'check your email');
    expect(await page.textContent('h1')).toContain('Check your email');
    expect(await site.services.rightsRequests.list({})).toHaveLength(0);

    await page.goto(
      site.baseUrl + (await linkFromMail(site, 'priya.shah@example.org', '/privacy/requests/confirm/')),
    );
    await expectAccessible(page, 'the confirmation');
    await keepScreenshot(page, 'privacy-request-confirmed');
    const panel = (await page.textContent('.govuk-panel')) ?? '';
    reference = /RR-\d{4}-\d+/.exec(panel)?.[0] ?? '';
    expect(reference).not.toBe('');
    const requests = await site.services.rightsRequests.list({});
    expect(requests.map((r) => r.reference)).toEqual([reference]);

    await page.goto(
      site.baseUrl + (await linkFromMail(site, 'priya.shah@example.org', '/privacy/requests/status/')),
    );
    await expectAccessible(page, 'the status page');
    await keepScreenshot(page, 'privacy-request-status');
    expect(await page.textContent('main')).toContain(reference);
    await page.context().close();
  });

  it('a caseworker signs in, finds it, asks for identity, records it, answers and closes it', async () => {
    expect(reference, 'the public journey made a request').not.toBe('');
    const password = 'a long and memorable passphrase';
    await site.services.users.add(
      { email: 'sam.case@example.org', name: 'Sam Case', role: 'caseworker', password },
      'test',
    );
    const page = await site.newPage();
    await page.goto(`${site.baseUrl}/console/requests`);
    // Signed out: sent to sign in, and back to the list afterwards.
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await expectAccessible(page, 'sign in');
    await page.fill('#email', 'sam.case@example.org');
    await page.fill('#password', password);
    await Promise.all([page.waitForURL('**/console/requests'), page.click('button.govuk-button')]);
    await expectAccessible(page, 'the requests list');
    await keepScreenshot(page, 'console-requests');

    await page.fill('input[name="q"]', 'Priya');
    await Promise.all([page.waitForLoadState('load'), page.press('input[name="q"]', 'Enter')]);
    await page.waitForSelector(`a:has-text("${reference}")`);
    await Promise.all([
      page.waitForURL(`**/console/requests/${reference}`),
      page.click(`a:has-text("${reference}")`),
    ]);
    await expectAccessible(page, 'the request page');

    const act = async (action: string, fill?: () => Promise<void>) => {
      await page.click(`#action-${action} summary`);
      await fill?.();
      await Promise.all([
        page.waitForLoadState('load'),
        page.click(`#action-${action} button[type="submit"].govuk-button`),
      ]);
      await page.waitForSelector('.govuk-notification-banner');
      await expectAccessible(page, `the request page after ${action}`);
    };
    await act('identity-requested');
    expect(await page.textContent('#due-date')).toContain('The clock has not started');
    await act('identity-received');
    await act('decision', () => page.check('input[name="outcome"][value="comply"]'));
    await act('response-sent', async () => {
      await page.selectOption('#response-sent-method', { index: 1 });
    });
    await keepScreenshot(page, 'console-request');
    await act('closed', () => page.check('input[name="reason"][value="completed"]'));

    const request = await site.services.rightsRequests.get(reference);
    expect(request.status).toBe('closed');
    const timeline = (await page.textContent('.moj-timeline')) ?? '';
    for (const words of [/identity/i, /closed/i]) expect(timeline).toMatch(words);

    await page.goto(`${site.baseUrl}/console`);
    await expectAccessible(page, 'the dashboard');
    await keepScreenshot(page, 'console-dashboard');
    await page.context().close();
  });
});
