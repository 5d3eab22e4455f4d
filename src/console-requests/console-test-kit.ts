import * as cheerio from 'cheerio';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config/config.ts';
import { buildApp } from '../http/app.ts';
import { createServices, type Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import type { Role } from '../users/roles.ts';
import { SESSION_COOKIE } from '../web/web-plugin.ts';

/** Test helpers for the console's pages: an app on a fresh store, and signed-in staff who post forms. */

export const PASSWORD = 'correct horse battery staple';

export interface ConsoleTestApp {
  store: TestStore;
  services: Services;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** `env` adds to the test configuration: `CUSTODIAN_SYSTEMS_DIR` for a folder of annotated systems. */
export async function createConsoleTestApp(
  now: () => Date,
  env: Readonly<Record<string, string>> = {},
): Promise<ConsoleTestApp> {
  const store = await createTestStore();
  const services =
    Object.keys(env).length === 0
      ? createTestServices(store, now)
      : createServices({
          config: loadConfig({
            NODE_ENV: 'test',
            ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
            ...env,
          }),
          store,
          now,
        });
  const app = await buildApp(services);
  return {
    store,
    services,
    app,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export type FormFields = Record<string, string | readonly string[]>;

export interface Page {
  response: LightMyRequestResponse;
  $: cheerio.CheerioAPI;
}

/** A member of staff signed in through the sign-in form, with their session and its form token. */
export interface Staff {
  userId: number;
  cookie: string;
  get(url: string): Promise<Page>;
  /** Posts a form with the session's token, as a browser would. */
  post(url: string, fields?: FormFields): Promise<LightMyRequestResponse>;
  /** Posts, then follows the redirect (post/redirect/get) to the page it leads to. */
  postAndFollow(url: string, fields?: FormFields): Promise<Page>;
}

let counter = 0;

export async function signInAs(
  app: FastifyInstance,
  services: Services,
  role: Role,
  name = `Test ${role}`,
): Promise<Staff> {
  counter += 1;
  const email = `${role}-${counter}@example.org`;
  const { user } = await services.users.add({ email, name, role, password: PASSWORD }, 'test');
  const form = await app.inject({ method: 'GET', url: '/console/sign-in' });
  const visitorCookie = cookieOf(form);
  const visitorCsrf = String(cheerio.load(form.body)('input[name=_csrf]').val());
  const signedIn = await send(app, visitorCookie, '/console/sign-in', {
    _csrf: visitorCsrf,
    email,
    password: PASSWORD,
  });
  if (signedIn.statusCode !== 303) throw new Error(`sign-in failed with ${signedIn.statusCode}`);
  const cookie = cookieOf(signedIn);
  const get = async (url: string): Promise<Page> => {
    const response = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: cookie } });
    return { response, $: cheerio.load(response.body) };
  };
  // Every console page carries the session's token in its sign-out form.
  const csrf = String((await get('/accessibility')).$('input[name=_csrf]').first().val());
  const post = (url: string, fields: FormFields = {}) => send(app, cookie, url, { _csrf: csrf, ...fields });
  return {
    userId: user.id,
    cookie,
    get,
    post,
    postAndFollow: async (url, fields) => {
      const response = await post(url, fields);
      if (response.statusCode !== 303) {
        const $ = cheerio.load(response.body);
        throw new Error(
          `expected a redirect from ${url}, got ${response.statusCode}: ${$('.govuk-error-summary').text().trim()}`,
        );
      }
      return get(String(response.headers.location));
    },
  };
}

/** A GET without a session, as a signed-out visitor. */
export async function getSignedOut(app: FastifyInstance, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url });
}

function send(
  app: FastifyInstance,
  cookie: string,
  url: string,
  fields: FormFields,
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of typeof value === 'string' ? [value] : value) body.append(name, one);
  }
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    cookies: { [SESSION_COOKIE]: cookie },
    payload: body.toString(),
  });
}

function cookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (cookie === undefined) throw new Error('no session cookie was set');
  return cookie;
}

/** A request as a caseworker would log it, with what the test changes. */
export function requestInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    rights: ['access'],
    channel: 'letter',
    receivedOn: '2026-11-02',
    wording: 'Please send me a copy of everything you hold about me.',
    person: { name: 'Jane Smith', email: 'jane.smith@example.org' },
    ...overrides,
  };
}

/** The error summary's links, in order. */
export function errorLinks($: cheerio.CheerioAPI): string[] {
  return $('.govuk-error-summary a')
    .map((_, a) => $(a).attr('href'))
    .get();
}

/** The timeline's headings, newest first. */
export function timelineTitles($: cheerio.CheerioAPI): string[] {
  return $('.moj-timeline__title')
    .map((_, h) => $(h).text().trim())
    .get();
}
