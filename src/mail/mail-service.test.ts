import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { AppError } from '../errors/app-error.ts';
import { createServices, type Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import type { OutgoingMail } from './mail-message.ts';
import { keptText } from './mail-service.ts';

const NOW = new Date('2026-07-01T09:30:00Z');

const CONFIRM: OutgoingMail = {
  to: 'jo.bloggs@example.org',
  subject: 'Confirm your email address',
  text: 'Hello Jo,\n\nUse this link to confirm your email address:\nhttps://privacy.example.org/c/abc\n',
  html: '<p>Hello Jo,</p><p><a href="https://privacy.example.org/c/abc">Confirm your email address</a></p>',
  purpose: 'request.confirm-email',
};

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Services over `store` with the given mail settings, read through the real configuration. */
function servicesWith(store: TestStore, mailEnv: Record<string, string>): Services {
  const config = loadConfig({
    NODE_ENV: 'test',
    ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
    ...mailEnv,
  });
  return createServices({ config, store, now: () => NOW });
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

interface CapturedMail {
  from: string;
  recipients: string[];
  data: string;
}

/**
 * A small SMTP server for the tests: EHLO, optional AUTH (always refused), MAIL, RCPT, DATA, QUIT.
 * It keeps each message it accepts.
 */
async function startSmtpListener(options: { offerAuth?: boolean; host?: string } = {}) {
  const received: CapturedMail[] = [];
  const authAttempts: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let current: CapturedMail = { from: '', recipients: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 test.localhost ESMTP ready');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(current);
            current = { from: '', recipients: [], data: '' };
            reply('250 2.0.0 Ok: queued as TEST1');
          } else {
            current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          }
          continue;
        }
        const verb = line.split(' ')[0]?.toUpperCase() ?? '';
        if (verb === 'EHLO') {
          reply('250-test.localhost');
          if (options.offerAuth) reply('250-AUTH PLAIN LOGIN');
          reply('250 8BITMIME');
        } else if (verb === 'HELO' || verb === 'RSET' || verb === 'NOOP') reply('250 Ok');
        else if (verb === 'AUTH') {
          authAttempts.push(line);
          reply('535 5.7.8 Authentication credentials invalid');
        } else if (verb === 'MAIL') {
          current.from = /<(.*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          current.recipients.push(/<(.*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else reply('502 5.5.2 Command not recognised');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    authAttempts,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

interface NotifyCall {
  method: string;
  path: string;
  authorization: string;
  body: Record<string, unknown>;
}

/** Stands in for the GOV.UK Notify API: answers each call with the next status and body given. */
async function startNotifyStandIn(answer: (call: NotifyCall) => { status: number; body: unknown }) {
  const calls: NotifyCall[] = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      const call: NotifyCall = {
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization ?? '',
        body: JSON.parse(raw || '{}') as Record<string, unknown>,
      };
      calls.push(call);
      const { status, body } = answer(call);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

/** Undoes quoted-printable encoding: soft line breaks, then `=XX` escapes. */
function quotedPrintableDecoded(text: string): string {
  return text
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const base64url = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

describe(`mail on ${TEST_DIALECT}`, () => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(() => store.close());

  describe('the outbox transport (the default)', () => {
    it('holds every message in the outbox, with nothing sent', async () => {
      const services = createTestServices(store, () => NOW);
      expect(services.mail.transport).toBe('outbox');
      const auditBefore = (await services.audit.list({ limit: 1000 })).length;

      const held = await services.mail.send(CONFIRM);
      expect(held).toMatchObject({
        purpose: 'request.confirm-email',
        transport: 'outbox',
        to: CONFIRM.to,
        subject: CONFIRM.subject,
        text: CONFIRM.text,
        html: CONFIRM.html,
        status: 'held',
        error: null,
        sentAt: null,
        createdAt: NOW.toISOString(),
      });
      expect(await services.mail.get(held.id)).toEqual(held);

      const plain = await services.mail.send({
        to: 'sam@example.org',
        subject: 'Your complaint',
        text: 'We have your complaint.',
        purpose: 'complaint.acknowledgement',
      });
      expect(plain.html).toBeNull();

      const all = await services.mail.list();
      expect(all.slice(0, 2).map((m) => m.id)).toEqual([plain.id, held.id]);
      expect((await services.mail.list({ status: 'held', limit: 1 })).map((m) => m.id)).toEqual([plain.id]);
      expect(await services.mail.list({ status: 'failed' })).toEqual([]);

      const audit = await services.audit.list({ limit: 1000 });
      expect(audit.length - auditBefore).toBe(2);
      expect(audit.some((e) => e.action === 'mail.recorded' && e.entity_id === String(held.id))).toBe(true);
    });

    it('refuses a message it could not send, naming the field, and stores nothing', async () => {
      const services = createTestServices(store, () => NOW);
      const before = (await services.mail.list({ limit: 500 })).length;

      const badAddress = await refusal(services.mail.send({ ...CONFIRM, to: 'jo at example' }));
      expect(badAddress.code).toBe('invalid_input');
      expect(badAddress.message).toBe('to: must be an email address, such as name@example.org');

      const injected = await refusal(
        services.mail.send({ ...CONFIRM, subject: 'Hello\r\nBcc: everyone@example.org' }),
      );
      expect(injected.message).toBe('subject: must be on one line');

      const purpose = await refusal(services.mail.send({ ...CONFIRM, purpose: 'Confirm email!' }));
      expect(purpose.message).toBe('purpose: must look like request.confirm-email');

      expect((await services.mail.list({ limit: 500 })).length).toBe(before);
    });

    it('says when a message does not exist, and refuses a silly limit', async () => {
      const services = createTestServices(store, () => NOW);
      expect((await refusal(services.mail.get(999_999))).message).toBe('Mail message 999999 was not found');
      expect((await refusal(services.mail.list({ limit: 0 }))).message).toBe('limit: must be at least 1');
    });
  });

  describe('the SMTP transport', () => {
    let listener: Awaited<ReturnType<typeof startSmtpListener>>;
    afterEach(() => listener.close());

    it('delivers the message to the SMTP server: sender, recipient, subject and both bodies', async () => {
      listener = await startSmtpListener();
      const services = servicesWith(store, {
        CUSTODIAN_MAIL_TRANSPORT: 'smtp',
        CUSTODIAN_SMTP_URL: `smtp://127.0.0.1:${listener.port}`,
        CUSTODIAN_MAIL_FROM: 'Privacy team <privacy@example.org>',
      });
      expect(services.mail.transport).toBe('smtp');

      const sent = await services.mail.send(CONFIRM);
      expect(sent).toMatchObject({
        transport: 'smtp',
        status: 'sent',
        error: null,
        sentAt: NOW.toISOString(),
      });
      expect(sent.providerId).toMatch(/^<.+@.+>$/);

      expect(listener.received).toHaveLength(1);
      const [mail] = listener.received;
      expect(mail!.from).toBe('privacy@example.org');
      expect(mail!.recipients).toEqual(['jo.bloggs@example.org']);
      expect(mail!.data).toMatch(/^From: Privacy team <privacy@example\.org>$/m);
      expect(mail!.data).toMatch(/^To: jo\.bloggs@example\.org$/m);
      expect(mail!.data).toMatch(/^Subject: Confirm your email address$/m);
      expect(mail!.data).toMatch(new RegExp(`^X-Custodian-Reference: custodian-mail-${sent.id}$`, 'm'));
      expect(mail!.data).toContain('multipart/alternative');
      expect(mail!.data).toContain(
        'Use this link to confirm your email address:\nhttps://privacy.example.org/c/abc',
      );
      // The HTML part travels quoted-printable; decoded, it is what was given.
      expect(quotedPrintableDecoded(mail!.data)).toContain(CONFIRM.html);
      expect(await services.mail.get(sent.id)).toEqual(sent);
    });

    it('records a refused login as failed, saying so without the password', async () => {
      listener = await startSmtpListener({ offerAuth: true });
      const services = servicesWith(store, {
        CUSTODIAN_MAIL_TRANSPORT: 'smtp',
        CUSTODIAN_SMTP_URL: `smtp://mailer:Sup3r-s3cret%21@127.0.0.1:${listener.port}`,
        CUSTODIAN_MAIL_FROM: 'privacy@example.org',
      });
      const error = await refusal(services.mail.send(CONFIRM));
      expect(listener.authAttempts.length).toBeGreaterThan(0);
      expect(error.code).toBe('mail_failed');
      expect(error.message).toBe(
        `The message could not be sent: the SMTP server at 127.0.0.1:${listener.port} refused the login ` +
          '(535 5.7.8 Authentication credentials invalid).',
      );
      const [stored] = await services.mail.list({ limit: 1 });
      expect(stored).toMatchObject({ status: 'failed', sentAt: null, to: CONFIRM.to });
      expect(error.message).toContain(stored!.error);
      for (const text of [error.message, stored!.error ?? '']) {
        expect(text).not.toContain('Sup3r');
        expect(text).not.toContain('jo.bloggs');
      }
      expect(listener.received).toEqual([]);
    });

    it('never sends a password in clear to a server that offers no STARTTLS', async () => {
      // 127.0.0.2 is this machine too, but not an address Custodian treats as local.
      listener = await startSmtpListener({ offerAuth: true, host: '127.0.0.2' });
      const services = servicesWith(store, {
        CUSTODIAN_MAIL_TRANSPORT: 'smtp',
        CUSTODIAN_SMTP_URL: `smtp://mailer:Sup3r-s3cret@127.0.0.2:${listener.port}`,
        CUSTODIAN_MAIL_FROM: 'privacy@example.org',
      });
      const error = await refusal(services.mail.send(CONFIRM));
      expect(error.message).toBe(
        `The message could not be sent: the SMTP server at 127.0.0.2:${listener.port} did not offer a ` +
          'secure connection (STARTTLS), so the password was not sent (502 5.5.2 Command not recognised).',
      );
      expect(listener.authAttempts).toEqual([]);
      expect(listener.received).toEqual([]);
    });

    it('records a refused connection as failed with a clear reason', async () => {
      listener = await startSmtpListener();
      const port = await closedPort();
      const services = servicesWith(store, {
        CUSTODIAN_MAIL_TRANSPORT: 'smtp',
        CUSTODIAN_SMTP_URL: `smtp://mailer:Sup3r-s3cret@127.0.0.1:${port}`,
        CUSTODIAN_MAIL_FROM: 'privacy@example.org',
      });
      const error = await refusal(services.mail.send(CONFIRM));
      expect(error.code).toBe('mail_failed');
      expect(error.message).toBe(
        `The message could not be sent: the SMTP server at 127.0.0.1:${port} refused the connection.`,
      );
      const [stored] = await services.mail.list({ status: 'failed', limit: 1 });
      expect(stored).toMatchObject({
        transport: 'smtp',
        status: 'failed',
        error: `the SMTP server at 127.0.0.1:${port} refused the connection`,
      });
      expect(JSON.stringify(stored)).not.toContain('Sup3r');
    });
  });

  describe('the GOV.UK Notify transport', () => {
    const serviceId = crypto.randomUUID();
    const secret = crypto.randomUUID();
    const apiKey = `custodian_test-${serviceId}-${secret}`;
    const templateId = crypto.randomUUID();
    let notify: Awaited<ReturnType<typeof startNotifyStandIn>>;
    afterEach(() => notify.close());

    const notifyServices = (baseUrl: string) =>
      servicesWith(store, {
        CUSTODIAN_MAIL_TRANSPORT: 'notify',
        CUSTODIAN_NOTIFY_API_KEY: apiKey,
        CUSTODIAN_NOTIFY_TEMPLATE_ID: templateId,
        CUSTODIAN_NOTIFY_BASE_URL: baseUrl,
      });

    it('sends through the one template, with the subject and body as personalisation, signed with the key', async () => {
      const notificationId = crypto.randomUUID();
      notify = await startNotifyStandIn(() => ({
        status: 201,
        body: { id: notificationId, content: { subject: 'x', body: 'y' }, template: { id: templateId } },
      }));
      const services = notifyServices(notify.baseUrl);

      const sent = await services.mail.send(CONFIRM);
      expect(sent).toMatchObject({ transport: 'notify', status: 'sent', providerId: notificationId });

      expect(notify.calls).toHaveLength(1);
      const [call] = notify.calls;
      expect(call!.method).toBe('POST');
      expect(call!.path).toBe('/v2/notifications/email');
      expect(call!.body).toEqual({
        template_id: templateId,
        email_address: CONFIRM.to,
        personalisation: { subject: CONFIRM.subject, body: CONFIRM.text },
        reference: `custodian-mail-${sent.id}`,
      });

      // The bearer token is a JWT issued by the service and signed with the key's secret.
      const token = /^Bearer (.+)$/.exec(call!.authorization)?.[1] ?? '';
      const [header = '', payload = '', signature = ''] = token.split('.');
      expect(JSON.parse(base64url(header))).toMatchObject({ alg: 'HS256', typ: 'JWT' });
      expect(JSON.parse(base64url(payload))).toMatchObject({ iss: serviceId });
      const expected = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      expect(signature).toBe(expected);
    });

    it("records Notify's refusal as failed, in Notify's words", async () => {
      notify = await startNotifyStandIn(() => ({
        status: 400,
        body: {
          status_code: 400,
          errors: [
            { error: 'BadRequestError', message: "Can't send to this recipient using a team-only API key" },
          ],
        },
      }));
      const services = notifyServices(notify.baseUrl);
      const host = new URL(notify.baseUrl).host;
      const error = await refusal(services.mail.send(CONFIRM));
      expect(error.code).toBe('mail_failed');
      expect(error.message).toBe(
        `The message could not be sent: GOV.UK Notify at ${host} refused the message ` +
          "(HTTP 400: Can't send to this recipient using a team-only API key).",
      );
      const [stored] = await services.mail.list({ limit: 1 });
      expect(stored).toMatchObject({ status: 'failed', transport: 'notify' });
    });

    it('records a refused connection as failed, with no part of the key anywhere', async () => {
      notify = await startNotifyStandIn(() => ({ status: 500, body: {} }));
      const port = await closedPort();
      const services = notifyServices(`http://127.0.0.1:${port}`);
      const error = await refusal(services.mail.send(CONFIRM));
      expect(error.message).toBe(
        `The message could not be sent: GOV.UK Notify at 127.0.0.1:${port} refused the connection.`,
      );
      const [stored] = await services.mail.list({ limit: 1 });
      expect(stored).toMatchObject({
        status: 'failed',
        error: `GOV.UK Notify at 127.0.0.1:${port} refused the connection`,
      });
      for (const text of [error.message, JSON.stringify(stored)]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(serviceId);
      }
      expect(notify.calls).toEqual([]);
    });
  });
});

describe('the words kept of a message', () => {
  const text = 'Confirm: https://privacy.example.org/privacy/requests/confirm/AbC_12-xyz\nThanks';
  it('keeps one-time links in the development outbox, where they are followed', () => {
    expect(keptText(text, 'outbox')).toBe(text);
  });
  it('removes them from messages that really left', () => {
    for (const transport of ['smtp', 'notify']) {
      expect(keptText(text, transport)).toBe(
        'Confirm: https://privacy.example.org/privacy/requests/confirm/[link removed]\nThanks',
      );
    }
  });
});
