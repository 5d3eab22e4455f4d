import * as cheerio from 'cheerio';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../web/web-plugin.ts';

/** A page as the test reads it: its status, where it redirects, and its HTML to query. */
export interface Page {
  status: number;
  location: string | undefined;
  body: string;
  $: cheerio.CheerioAPI;
  response: LightMyRequestResponse;
}

export type Fields = Record<string, string | string[]>;

/**
 * A visitor's browser, for HTTP tests of page journeys: it keeps the session cookie, sends each
 * form with the token (`_csrf`) of the last page it read, and follows redirects only when asked,
 * so that a test sees each step.
 */
export class JourneyClient {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string): Promise<Page> {
    return this.read(
      await this.app.inject({
        method: 'GET',
        url,
        ...(this.cookie ? { cookies: { [SESSION_COOKIE]: this.cookie } } : {}),
      }),
    );
  }

  /** Sends a form as a browser would; `csrf: false` leaves the token out, a string forges it. */
  async post(url: string, fields: Fields, options: { csrf?: false | string } = {}): Promise<Page> {
    const form = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    if (token !== false && token !== undefined) form.append('_csrf', token);
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
    }
    return this.read(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        ...(this.cookie ? { cookies: { [SESSION_COOKIE]: this.cookie } } : {}),
        payload: form.toString(),
      }),
    );
  }

  /** Follows a redirect (303 after a form, 302 or 303 from a page); fails on anything else. */
  async follow(page: Page): Promise<Page> {
    if (page.location === undefined || ![301, 302, 303].includes(page.status)) {
      throw new Error(`expected a redirect, got ${String(page.status)}: ${page.$('h1').text().trim()}`);
    }
    return this.get(page.location);
  }

  /** Sends a form and follows its redirect to the next page. */
  async submit(url: string, fields: Fields): Promise<Page> {
    return this.follow(await this.post(url, fields));
  }

  private read(response: LightMyRequestResponse): Page {
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (cookie) this.cookie = cookie.value === '' ? undefined : cookie.value;
    const $ = cheerio.load(response.body);
    const csrf = $('input[name=_csrf]').first().val();
    if (typeof csrf === 'string') this.csrf = csrf;
    const location = response.headers.location;
    return {
      status: response.statusCode,
      location: typeof location === 'string' ? location : undefined,
      body: response.body,
      $,
      response,
    };
  }
}

/** The visible text of a page's error summary, one entry per error, and where each links. */
export function errorSummary(page: Page): { text: string; href: string | undefined }[] {
  return page
    .$('.govuk-error-summary a')
    .map((_, a) => ({ text: page.$(a).text().trim(), href: page.$(a).attr('href') }))
    .get();
}

/** The text of the error message by a field (`#person-name-error`), without its hidden "Error:". */
export function fieldError(page: Page, id: string): string {
  return page
    .$(`#${id}-error`)
    .text()
    .replace(/^\s*Error:\s*/, '')
    .trim();
}
