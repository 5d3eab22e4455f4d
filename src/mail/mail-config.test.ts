import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { AppError } from '../errors/app-error.ts';

const KEY = 'custodian-3d1b4f52-8a0c-4c52-9a7e-2f1a6b0f9c11-6c0d7a2e-5b1f-4e8a-9d3c-7a6b5c4d3e2f';
const TEMPLATE = '0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

function problemsOf(env: Record<string, string>): AppError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('mail configuration', () => {
  it('keeps messages in the outbox when nothing is set', () => {
    expect(loadConfig({}).mail).toEqual({ transport: 'outbox' });
  });

  it('reads an SMTP server and sender', () => {
    const config = loadConfig({
      CUSTODIAN_MAIL_TRANSPORT: 'smtp',
      CUSTODIAN_SMTP_URL: 'smtp://user:pass@mail.example.org:587',
      CUSTODIAN_MAIL_FROM: 'Privacy team <privacy@example.org>',
    });
    expect(config.mail).toEqual({
      transport: 'smtp',
      smtpUrl: 'smtp://user:pass@mail.example.org:587',
      from: 'Privacy team <privacy@example.org>',
    });
    expect(Object.isFrozen(config.mail)).toBe(true);
  });

  it('reads GOV.UK Notify settings', () => {
    expect(
      loadConfig({
        CUSTODIAN_MAIL_TRANSPORT: 'notify',
        CUSTODIAN_NOTIFY_API_KEY: KEY,
        CUSTODIAN_NOTIFY_TEMPLATE_ID: TEMPLATE,
      }).mail,
    ).toEqual({
      transport: 'notify',
      notifyApiKey: KEY,
      notifyTemplateId: TEMPLATE,
      notifyBaseUrl: undefined,
    });
  });

  it('reports every missing SMTP setting together with the other problems', () => {
    const error = problemsOf({ CUSTODIAN_MAIL_TRANSPORT: 'smtp', PORT: 'eighty' });
    expect(error.code).toBe('invalid_configuration');
    expect(error.problems.map((p) => p.where).sort()).toEqual([
      'CUSTODIAN_MAIL_FROM',
      'CUSTODIAN_SMTP_URL',
      'PORT',
    ]);
    expect(error.message).toContain('CUSTODIAN_SMTP_URL: is required with the smtp transport');
  });

  it('refuses a bad SMTP address without repeating its password', () => {
    const error = problemsOf({
      CUSTODIAN_MAIL_TRANSPORT: 'smtp',
      CUSTODIAN_SMTP_URL: 'http://user:hunter2hunter2@mail.example.org',
      CUSTODIAN_MAIL_FROM: 'privacy at example',
    });
    expect(error.problems.map((p) => p.where).sort()).toEqual(['CUSTODIAN_MAIL_FROM', 'CUSTODIAN_SMTP_URL']);
    expect(error.message).toContain('CUSTODIAN_SMTP_URL: must be smtp://');
    expect(error.message).toContain('"privacy at example" is not an email address');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses a bad Notify key, template and base address, never repeating the key', () => {
    const error = problemsOf({
      CUSTODIAN_MAIL_TRANSPORT: 'notify',
      CUSTODIAN_NOTIFY_API_KEY: 'not-a-key-but-a-secret-all-the-same',
      CUSTODIAN_NOTIFY_TEMPLATE_ID: 'welcome',
      CUSTODIAN_NOTIFY_BASE_URL: 'api.example.org/v2',
    });
    expect(error.problems.map((p) => p.where).sort()).toEqual([
      'CUSTODIAN_NOTIFY_API_KEY',
      'CUSTODIAN_NOTIFY_BASE_URL',
      'CUSTODIAN_NOTIFY_TEMPLATE_ID',
    ]);
    expect(error.message).not.toContain('secret-all-the-same');
    expect(error.message).toContain('"welcome" is not a template id');
  });

  it('names the transports it knows', () => {
    const error = problemsOf({ CUSTODIAN_MAIL_TRANSPORT: 'carrier-pigeon' });
    expect(error.problems).toEqual([
      { where: 'CUSTODIAN_MAIL_TRANSPORT', message: 'must be outbox, smtp or notify' },
    ]);
  });
});
