import { randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { registerRegisterPages } from '../console-register/web-routes.ts';
import { registerRequestPages } from '../console-requests/web-routes.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { STATUS_BY_CODE } from '../http/error-handler.ts';
import type { ApiApp } from '../http/types.ts';
import { registerPrivacyCentrePages } from '../privacy-centre/web-routes.ts';
import type { Services } from '../services.ts';
import { capabilitiesOf, type Capability, type Role } from '../users/roles.ts';
import { actorOf } from '../users/user-service.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { registerPublicPages } from './public-pages.ts';
import type { Session, SessionData } from './session-service.ts';
import { createViewRenderer, GOVUK_FRONTEND_DIST, MOJ_FRONTEND_ROOT } from './view-renderer.ts';

export const SESSION_COOKIE = 'custodian_session';

/** The signed-in member of staff, as pages see them. */
export interface StaffUser {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

export interface PageOptions {
  status?: number;
  /**
   * The page has a form: a session is started if there is none, so that the form can carry its
   * cross-site request token. Pages without forms never start a session.
   */
  form?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser session, if the cookie named a live one. */
    webSession: Session | undefined;
    staffUser: StaffUser | undefined;
  }
  interface FastifyReply {
    /** Renders a page in the house layout with the session's token, user, organisation and flash. */
    page(template: string, context?: Record<string, unknown>, options?: PageOptions): Promise<FastifyReply>;
  }
}

/** The web's own routes register through these; each feature adds one line to `WEB_FEATURES`. */
export type WebFeature = (web: ApiApp, services: Services) => void;

const WEB_FEATURES: readonly WebFeature[] = [
  registerAuthRoutes,
  registerPublicPages,
  registerPrivacyCentrePages,
  registerRequestPages,
  registerRegisterPages,
];

const ASSETS = path.join(import.meta.dirname, 'assets');

/**
 * The console and the privacy centre: server-rendered pages on the same app as the API, in their
 * own encapsulated context so that forms, cookies and the content security policy apply to pages only.
 */
export async function registerWeb(app: ApiApp, services: Services): Promise<void> {
  await app.register(async (web) => {
    const views = createViewRenderer();
    await web.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
    await web.register(fastifyCookie);
    await web.register(fastifyHelmet, {
      enableCSPNonces: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
      strictTransportSecurity: services.config.secureCookies ? undefined : false,
      // The site's own pages may see where a form came from (to send people back to it); other sites never do.
      referrerPolicy: { policy: 'same-origin' },
    });
    await web.register(fastifyRateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => ({
        statusCode: context.statusCode,
        code: 'rate_limited',
        message: `Too many attempts. Try again in ${context.after}.`,
      }),
    });
    await registerAssets(web);

    web.decorateRequest('webSession', undefined);
    web.decorateRequest('staffUser', undefined);
    web.decorateReply('page', async function (this: FastifyReply, template, context = {}, options = {}) {
      const request = this.request;
      const session =
        request.webSession ?? (options.form ? await startSession(services, request, this) : undefined);
      const flash = session?.data.flash;
      if (session && flash) {
        delete session.data.flash;
        await services.sessions.saveData(session);
      }
      const stored = await services.register.findCurrent();
      const user = request.staffUser;
      const html = views.render(template, {
        ...context,
        cspNonce: this.cspNonce.script,
        csrfToken: session?.csrfToken,
        currentPath: request.url.split('?')[0],
        organisation: stored?.register.controller,
        user: user && { ...user, can: Object.fromEntries(capabilitiesOf(user.role).map((c) => [c, true])) },
        flash,
      });
      return this.status(options.status ?? 200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(html);
    });

    web.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const session = await services.sessions.load(token);
      if (!session) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return;
      }
      request.webSession = session;
      if (session.userId !== null) {
        const user = await services.users.findById(session.userId);
        if (!user || user.disabled) {
          await services.sessions.destroy(session);
          request.webSession = undefined;
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
          return;
        }
        request.staffUser = { id: user.id, email: user.email, name: user.name, role: user.role };
      }
    });

    // Every form carries the session's token; a form without it (stale or from another site) is refused.
    web.addHook('preHandler', async (request, reply) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const body = request.body as Record<string, unknown> | undefined;
      const sent = typeof body?.['_csrf'] === 'string' ? body['_csrf'] : '';
      const expected = request.webSession?.csrfToken ?? '';
      if (
        expected !== '' &&
        sent.length === expected.length &&
        timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
      )
        return;
      await reply.page(
        'web/views/pages/form-expired.njk',
        { back: sameSiteReferrer(request), typed: typedValues(body) },
        { status: 403 },
      );
    });

    web.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (isAppError(error) && error.code === 'unauthenticated') return redirectToSignIn(request, reply);
      // A malformed address (its path or query) is a page that does not exist; a malformed form is a problem.
      const status = isAppError(error)
        ? STATUS_BY_CODE[error.code]
        : hasZodFastifySchemaValidationErrors(error)
          ? error.validationContext === 'body'
            ? 400
            : 404
          : (error.statusCode ?? 500);
      if (status >= 500) request.log.error({ err: error }, 'page failed');
      return reply.page(
        'web/views/pages/error.njk',
        { status, message: status < 500 ? pageMessage(error, status) : undefined },
        { status },
      );
    });

    for (const feature of WEB_FEATURES) feature(web, services);
    web.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/privacy', 302));
  });
}

/**
 * The page for a path no route answers, outside the pages' own context (the API answers its own
 * paths in JSON). It carries the same content security policy as every page.
 */
export async function sendNotFoundPage(services: Services, reply: FastifyReply): Promise<FastifyReply> {
  const nonce = randomBytes(16).toString('base64');
  const stored = await services.register.findCurrent();
  const html = notFoundViews.render('web/views/pages/error.njk', {
    status: 404,
    cspNonce: nonce,
    currentPath: reply.request.url.split('?')[0],
    organisation: stored?.register.controller,
  });
  return reply
    .status(404)
    .type('text/html; charset=utf-8')
    .header(
      'content-security-policy',
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'`,
    )
    .send(html);
}

const notFoundViews = createViewRenderer();

/** What an error page may say about a problem with what was sent. */
function pageMessage(error: FastifyError, status: number): string | undefined {
  if (isAppError(error)) return error.message;
  if (status === 413) return 'What you sent was too large. Shorten it and send it again.';
  if (status === 415 || status === 400)
    return 'What you sent could not be read. Go back and send the form again.';
  if (status === 429) return error.message;
  return undefined;
}

/** Starts a session for this browser and sets its cookie. */
export async function startSession(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number | null = null,
): Promise<Session> {
  const { token, session } = await services.sessions.rotate(request.webSession, userId);
  setSessionCookie(services, reply, token);
  request.webSession = session;
  return session;
}

export function setSessionCookie(services: Services, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: services.config.secureCookies,
  });
}

/** Keeps something in the session for the next page (after a redirect). */
export async function setFlash(
  services: Services,
  request: FastifyRequest,
  flash: NonNullable<SessionData['flash']>,
): Promise<void> {
  const session = request.webSession;
  if (!session) return;
  session.data.flash = flash;
  await services.sessions.saveData(session);
}

/**
 * A preHandler for staff pages: signed-out visitors go to sign in and come back; a signed-in user
 * without the capability gets a page saying so.
 */
export function requireCapability(capability: Capability) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const user = request.staffUser;
    if (!user) return redirectToSignIn(request, reply);
    if (!capabilitiesOf(user.role).includes(capability))
      return reply.page('web/views/pages/error.njk', { status: 403 }, { status: 403 });
    return undefined;
  };
}

/** How the signed-in member of staff is named on the timeline and in the audit trail (`user:<id>`, never an email). */
export function staffActor(request: FastifyRequest): string {
  const user = request.staffUser;
  // The pages' preHandlers let only signed-in staff through; this is the belt to their braces.
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  return actorOf(user);
}

/** Signed-in staff only, whatever their role. */
export async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
  if (!request.staffUser) return redirectToSignIn(request, reply);
  return undefined;
}

function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  const back = request.method === 'GET' ? request.url : (sameSiteReferrer(request) ?? '/console');
  return reply.redirect(`/console/sign-in?next=${encodeURIComponent(back)}`, 303);
}

/**
 * A local path to return to: only paths on this site, never another site's address. Anything but
 * printable ASCII is refused, because browsers drop tabs and newlines (`/\t/evil.example` becomes
 * `//evil.example`) and a header cannot carry them.
 */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !/^\/[\x21-\x7e]*$/.test(value)) return fallback;
  if (value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}

/**
 * What a refused form held, to show back to the person so that nothing they typed is lost: never
 * the token or a password, and nothing is acted on.
 */
function typedValues(body: Record<string, unknown> | undefined): { name: string; value: string }[] {
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body)
    .filter(([name]) => name !== '_csrf' && !/password/i.test(name))
    .map(([name, value]) => ({ name, value: Array.isArray(value) ? value.join(', ') : String(value) }))
    .filter((field) => field.value.trim() !== '' && field.value.length <= 100_000);
}

function sameSiteReferrer(request: FastifyRequest): string | undefined {
  const referrer = request.headers.referer;
  if (!referrer) return undefined;
  try {
    const url = new URL(referrer);
    return url.host === request.headers.host ? url.pathname + url.search : undefined;
  } catch {
    return undefined;
  }
}

async function registerAssets(web: ApiApp): Promise<void> {
  // Images and the manifest of GOV.UK Frontend; its fonts are for GOV.UK services only and are not served.
  await web.register(fastifyStatic, {
    root: path.join(GOVUK_FRONTEND_DIST, 'govuk', 'assets'),
    prefix: '/assets/',
    allowedPath: (pathName) => !pathName.startsWith('/fonts/'),
    maxAge: '1d',
  });
  await web.register(fastifyStatic, {
    root: path.join(GOVUK_FRONTEND_DIST, 'govuk'),
    prefix: '/assets/govuk/',
    decorateReply: false,
    allowedPath: (pathName) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(pathName),
    maxAge: '1d',
  });
  await web.register(fastifyStatic, {
    root: path.join(MOJ_FRONTEND_ROOT, 'moj'),
    prefix: '/assets/moj/',
    decorateReply: false,
    allowedPath: (pathName) => /^\/(moj-frontend\.min\.(css|js)(\.map)?|assets\/images\/.+)$/.test(pathName),
    maxAge: '1d',
  });
  await web.register(fastifyStatic, { root: ASSETS, prefix: '/assets/custodian/', decorateReply: false });
}
