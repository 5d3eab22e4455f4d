import * as cheerio from 'cheerio';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { SESSION_COOKIE } from './web-plugin.ts';

const PASSWORD = 'correct horse battery staple';

describe(`the web layer on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let now: Date;

  beforeEach(async () => {
    store = await createTestStore();
    now = new Date('2026-11-23T10:00:00Z');
    services = createTestServices(store, () => now);
    await services.users.add(
      { email: 'case@example.org', name: 'Casey Worker', role: 'caseworker', password: PASSWORD },
      'test',
    );
    app = await buildApp(services);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  function cookieOf(response: LightMyRequestResponse): string | undefined {
    return response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  }

  async function signInForm(): Promise<{ cookie: string; csrf: string }> {
    const page = await app.inject({ method: 'GET', url: '/console/sign-in' });
    expect(page.statusCode).toBe(200);
    const cookie = cookieOf(page);
    expect(cookie).toBeDefined();
    const csrf = cheerio.load(page.body)('input[name=_csrf]').val();
    expect(typeof csrf).toBe('string');
    return { cookie: cookie ?? '', csrf: String(csrf) };
  }

  const postForm = (url: string, cookie: string | undefined, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      ...(cookie ? { cookies: { [SESSION_COOKIE]: cookie } } : {}),
      payload: new URLSearchParams(fields).toString(),
    });

  it('serves pages with a strict content security policy whose nonce is on the page’s scripts', async () => {
    const response = await app.inject({ method: 'GET', url: '/accessibility' });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const $ = cheerio.load(response.body);
    expect($('html').attr('lang')).toBe('en-GB');
    expect($('h1').text()).toContain('Accessibility statement');
    expect($('title').text()).toContain('Accessibility statement');
    $('script').each((_, script) => {
      expect($(script).attr('nonce')).toBe(nonce);
    });
    // A page with no form starts no session.
    expect(cookieOf(response)).toBeUndefined();
  });

  it('answers unknown pages with an HTML page and unknown API paths with JSON', async () => {
    const page = await app.inject({ method: 'GET', url: '/no-such-page' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(cheerio.load(page.body)('h1').text()).toBe('Page not found');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self' 'nonce-");

    const api = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });

  it('serves the design systems’ styles and scripts but not the GOV.UK typeface', async () => {
    for (const url of [
      '/assets/govuk/govuk-frontend.min.css',
      '/assets/govuk/govuk-frontend.min.js',
      '/assets/moj/moj-frontend.min.css',
      '/assets/custodian/custodian.css',
      '/assets/custodian/init.mjs',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
    }
    const font = await app.inject({ method: 'GET', url: '/assets/fonts/light-94a07e06a1-v2.woff2' });
    expect(font.statusCode).toBe(404);
    const scss = await app.inject({ method: 'GET', url: '/assets/govuk/index.scss' });
    expect(scss.statusCode).toBe(404);
  });

  it('signs a member of staff in with a new session and back out', async () => {
    const { cookie, csrf } = await signInForm();
    const signedIn = await postForm('/console/sign-in', cookie, {
      _csrf: csrf,
      email: 'CASE@example.org ',
      password: PASSWORD,
      next: '/console/requests',
    });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/console/requests');
    const staffCookie = cookieOf(signedIn);
    expect(staffCookie).toBeDefined();
    expect(staffCookie).not.toBe(cookie);
    const cookieHeader = String(signedIn.headers['set-cookie']);
    expect(cookieHeader).toContain('HttpOnly');
    expect(cookieHeader).toContain('SameSite=Lax');

    // The visitor's token is worthless after signing in (session fixation).
    const old = await app.inject({
      method: 'GET',
      url: '/console/sign-in',
      cookies: { [SESSION_COOKIE]: cookie },
    });
    expect(cheerio.load(old.body)('.custodian-header__user').text()).toBe('');

    const again = await app.inject({
      method: 'GET',
      url: '/console/sign-in?next=/console/audit',
      cookies: { [SESSION_COOKIE]: staffCookie ?? '' },
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/console/audit');

    const accessibility = await app.inject({
      method: 'GET',
      url: '/accessibility',
      cookies: { [SESSION_COOKIE]: staffCookie ?? '' },
    });
    const $ = cheerio.load(accessibility.body);
    expect($('.custodian-header__user').text()).toBe('Casey Worker');
    const staffCsrf = String($('form[action="/console/sign-out"] input[name=_csrf]').val());

    const out = await postForm('/console/sign-out', staffCookie, { _csrf: staffCsrf });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/console/sign-in');
    const after = await app.inject({
      method: 'GET',
      url: '/accessibility',
      cookies: { [SESSION_COOKIE]: staffCookie ?? '' },
    });
    expect(cheerio.load(after.body)('.custodian-header__user').length).toBe(0);
  });

  it('re-renders the sign-in form with the GOV.UK error summary, keeping the email typed', async () => {
    const { cookie, csrf } = await signInForm();
    const empty = await postForm('/console/sign-in', cookie, { _csrf: csrf, email: '', password: '' });
    expect(empty.statusCode).toBe(400);
    let $ = cheerio.load(empty.body);
    expect($('title').text()).toMatch(/^Error: /);
    expect(
      $('.govuk-error-summary a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['#email', '#password']);
    expect($('#email-error').text()).toContain('Enter your email address');

    const wrong = await postForm('/console/sign-in', cookie, {
      _csrf: csrf,
      email: 'case@example.org',
      password: 'not the password at all',
    });
    expect(wrong.statusCode).toBe(400);
    $ = cheerio.load(wrong.body);
    expect($('.govuk-error-summary').text()).toContain('Enter a correct email address and password');
    expect($('#email').val()).toBe('case@example.org');
    expect($('#password').val()).toBeUndefined();
  });

  it('refuses a form without the session’s token, and changes nothing', async () => {
    const { cookie } = await signInForm();
    const forged = await postForm('/console/sign-in', cookie, {
      _csrf: 'forged-token-forged-token-forged-token-forg',
      email: 'case@example.org',
      password: PASSWORD,
    });
    expect(forged.statusCode).toBe(403);
    expect(cheerio.load(forged.body)('h1').text()).toBe('This form could not be accepted');
    expect(cookieOf(forged)).toBeUndefined();

    const noSession = await postForm('/console/sign-in', undefined, {
      email: 'case@example.org',
      password: PASSWORD,
    });
    expect(noSession.statusCode).toBe(403);
  });

  it('never sends anyone to another site after signing in', async () => {
    for (const next of [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      '/\t/evil.example/',
      '/\n/x',
      '/\u202e',
    ]) {
      const page = await app.inject({
        method: 'GET',
        url: `/console/sign-in?next=${encodeURIComponent(next)}`,
      });
      expect(cheerio.load(page.body)('input[name=next]').val()).toBe('/console');
    }
  });

  it('sends a signed-in user only to local paths, whatever `next` holds', async () => {
    const { cookie, csrf } = await signInForm();
    const signedIn = await postForm('/console/sign-in', cookie, {
      _csrf: csrf,
      email: 'case@example.org',
      password: PASSWORD,
    });
    const staffCookie = cookieOf(signedIn) ?? '';
    for (const next of ['/%09/evil.example/', '/%0a/x', '/%E2%80%AE', '//evil.example']) {
      const response = await app.inject({
        method: 'GET',
        url: `/console/sign-in?next=${next}`,
        cookies: { [SESSION_COOKIE]: staffCookie },
      });
      expect(response.statusCode, next).toBe(303);
      expect(response.headers.location, next).toBe('/console');
    }
  });

  it('shows what a refused form held, so nothing typed is lost, but never a password', async () => {
    const { cookie } = await signInForm();
    const refused = await postForm('/console/sign-in', cookie, {
      _csrf: 'stale',
      email: 'case@example.org',
      password: 'secret words here',
      note: '<b>Line one</b>\nLine two',
    });
    expect(refused.statusCode).toBe(403);
    const $ = cheerio.load(refused.body);
    const shown = $('.govuk-summary-list').text();
    expect(shown).toContain('case@example.org');
    expect(shown).toContain('<b>Line one</b>');
    expect(refused.body).not.toContain('<b>Line one</b>');
    expect(shown).not.toContain('secret words here');
    expect(String(refused.headers['referrer-policy'])).toBe('same-origin');
  });

  it('limits sign-in attempts from one address', async () => {
    const { cookie, csrf } = await signInForm();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const response = await postForm('/console/sign-in', cookie, {
        _csrf: csrf,
        email: 'nobody@example.org',
        password: 'wrong password here',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('ends a session that has not been used for an hour', async () => {
    const { cookie, csrf } = await signInForm();
    const signedIn = await postForm('/console/sign-in', cookie, {
      _csrf: csrf,
      email: 'case@example.org',
      password: PASSWORD,
    });
    const staffCookie = cookieOf(signedIn) ?? '';
    now = new Date(now.getTime() + 61 * 60_000);
    const later = await app.inject({
      method: 'GET',
      url: '/console/sign-in',
      cookies: { [SESSION_COOKIE]: staffCookie },
    });
    expect(later.statusCode).toBe(200); // shown the sign-in form again, not sent on
    expect(await services.sessions.purgeExpired()).toBeGreaterThanOrEqual(0);
  });
});
