import path from 'node:path';
import * as cheerio from 'cheerio';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Services } from '../services.ts';
import type { Role } from '../users/roles.ts';
import { SESSION_COOKIE } from '../web/web-plugin.ts';

/** A password that meets the rules, for the test accounts. */
export const TEST_PASSWORD = 'correct horse battery staple';

export const EXAMPLES = path.resolve(import.meta.dirname, '..', '..', 'examples');

/** A signed-in member of staff in an `app.inject()` test: pages fetched and forms posted with their session. */
export interface StaffBrowser {
  readonly userId: number;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form with the session's cross-site request token added. */
  post(url: string, fields?: Record<string, string>): Promise<LightMyRequestResponse>;
}

function sessionCookie(response: LightMyRequestResponse): string | undefined {
  return response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
}

function csrfOf(body: string): string {
  const token = cheerio.load(body)('input[name=_csrf]').first().val();
  if (typeof token !== 'string' || token === '') throw new Error('the page has no form token');
  return token;
}

export function postForm(
  app: FastifyInstance,
  url: string,
  cookie: string | undefined,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    ...(cookie ? { cookies: { [SESSION_COOKIE]: cookie } } : {}),
    payload: new URLSearchParams(fields).toString(),
  });
}

/**
 * Adds a member of staff with this role and signs them in through the sign-in form, as a browser
 * would: the form's token, then the new session's cookie.
 */
export async function signInAs(
  app: FastifyInstance,
  services: Services,
  role: Role,
  email = `${role}-${String(Math.random()).slice(2, 10)}@example.org`,
): Promise<StaffBrowser> {
  const name = `Test ${role}`;
  const { user } = await services.users.add({ email, name, role, password: TEST_PASSWORD }, 'test');
  const form = await app.inject({ method: 'GET', url: '/console/sign-in' });
  const visitorCookie = sessionCookie(form);
  const signedIn = await postForm(app, '/console/sign-in', visitorCookie, {
    _csrf: csrfOf(form.body),
    email,
    password: TEST_PASSWORD,
  });
  const cookie = sessionCookie(signedIn);
  if (signedIn.statusCode !== 303 || cookie === undefined) throw new Error(`signing in as ${role} failed`);
  // Every console page carries the sign-out form, and with it the session's token.
  const page = await app.inject({
    method: 'GET',
    url: '/accessibility',
    cookies: { [SESSION_COOKIE]: cookie },
  });
  const csrf = csrfOf(page.body);
  return {
    userId: user.id,
    get: (url) => app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: cookie } }),
    post: (url, fields = {}) => postForm(app, url, cookie, { _csrf: csrf, ...fields }),
  };
}
