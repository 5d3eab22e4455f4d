import path from 'node:path';
import { AppError, type Problem } from '../errors/app-error.ts';

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  readonly environment: Environment;
  readonly host: string;
  readonly port: number;
  /** `postgres://...` selects PostgreSQL; otherwise the embedded SQLite file below is used. */
  readonly databaseUrl: string | undefined;
  readonly sqlitePath: string;
  /** Folder the example register is loaded from when the store holds none. */
  readonly exampleRegisterDir: string;
  /** Folder of the connected systems' annotation files (`CUSTODIAN_SYSTEMS_DIR`, default ./systems). */
  readonly systemsDir: string;
  /**
   * Reads an environment variable an annotation names for its connection (`url_env`, `path_env`,
   * `folder_env`). A function, so that printing the configuration never shows a secret.
   */
  readonly systemEnv: (name: string) => string | undefined;
  /**
   * The key of Custodian's keyed hashes (HMAC-SHA256): erasure's `hash` action and the suppression
   * list (`CUSTODIAN_HASH_KEY`, required in production). A function, so printing the configuration
   * never shows it.
   */
  readonly hashKey: () => string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How mail leaves Custodian (`CUSTODIAN_MAIL_TRANSPORT`). */
  readonly mail: MailConfig;
  /** The address people reach Custodian at, for links in emails; `https://` also makes cookies Secure. */
  readonly publicUrl: string;
  readonly secureCookies: boolean;
}

export type ConfigOverrides = Partial<Pick<Config, 'port' | 'host' | 'databaseUrl' | 'sqlitePath'>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Reads the environment once, reports every problem together, and returns a frozen configuration.
 * Nothing else in Custodian reads `process.env`.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const problems: Problem[] = [];

  const environment = readEnvironment(env['NODE_ENV'], problems);
  const port = overrides.port ?? readPort(env['PORT'], problems);
  const databaseUrl = overrides.databaseUrl ?? emptyToUndefined(env['DATABASE_URL']);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push({
      where: 'DATABASE_URL',
      message: 'must start with postgres:// (leave it unset to use the embedded SQLite store)',
    });
  }
  const logLevel = emptyToUndefined(env['LOG_LEVEL']) ?? (environment === 'test' ? 'silent' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push({ where: 'LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')}` });
  }

  const publicUrl = readPublicUrl(env['CUSTODIAN_PUBLIC_URL'], port, problems);

  const mail = readMail(env, problems);
  const hashKey = readHashKey(env['CUSTODIAN_HASH_KEY'], environment, problems);

  if (problems.length > 0) {
    throw new AppError(
      'invalid_configuration',
      `The configuration is invalid:\n${problems.map((p) => `  ${p.where}: ${p.message}`).join('\n')}`,
      { problems },
    );
  }

  return Object.freeze({
    environment,
    host: overrides.host ?? emptyToUndefined(env['HOST']) ?? '127.0.0.1',
    port,
    databaseUrl,
    sqlitePath: path.resolve(
      overrides.sqlitePath ?? emptyToUndefined(env['CUSTODIAN_SQLITE_PATH']) ?? 'data/custodian.sqlite',
    ),
    exampleRegisterDir: path.resolve(
      emptyToUndefined(env['CUSTODIAN_EXAMPLE_REGISTER']) ??
        path.join(PROJECT_ROOT, 'examples', 'citizen-housing'),
    ),
    logLevel: logLevel as Config['logLevel'],
    systemsDir: path.resolve(emptyToUndefined(env['CUSTODIAN_SYSTEMS_DIR']) ?? 'systems'),
    systemEnv: readSystemEnv(env),
    hashKey: () => hashKey,
    mail,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
  });
}

function readPublicUrl(value: string | undefined, port: number, problems: Problem[]): string {
  const v = emptyToUndefined(value);
  if (v === undefined) return `http://localhost:${port}`;
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(v)) {
    problems.push({
      where: 'CUSTODIAN_PUBLIC_URL',
      message: `"${v}" is not a web address (such as https://privacy.example.org)`,
    });
    return `http://localhost:${port}`;
  }
  return v.replace(/\/+$/, '');
}

/** The key used outside production when none is set: public, so nothing hashed with it is protected. */
export const DEVELOPMENT_HASH_KEY = 'custodian-development-hash-key-NOT-SECRET-do-not-use-in-production';

/** `CUSTODIAN_HASH_KEY`: at least 32 characters; required in production, where no default is safe. */
function readHashKey(value: string | undefined, environment: Environment, problems: Problem[]): string {
  const v = emptyToUndefined(value);
  if (v === undefined) {
    if (environment === 'production')
      problems.push({
        where: 'CUSTODIAN_HASH_KEY',
        message:
          'is required in production (a random secret of at least 32 characters, such as openssl rand -hex 32)',
      });
    return DEVELOPMENT_HASH_KEY;
  }
  if (v.length < 32) {
    problems.push({
      where: 'CUSTODIAN_HASH_KEY',
      message: 'must be at least 32 characters long (the value is not repeated here)',
    });
  }
  return v;
}

/** The variables annotations may name, copied once like every other setting. */
function readSystemEnv(
  env: Readonly<Record<string, string | undefined>>,
): (name: string) => string | undefined {
  const copy = { ...env };
  return (name) => copy[name];
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function readEnvironment(value: string | undefined, problems: Problem[]): Environment {
  const v = emptyToUndefined(value) ?? 'development';
  if (v === 'development' || v === 'production' || v === 'test') return v;
  problems.push({ where: 'NODE_ENV', message: 'must be development, production or test' });
  return 'development';
}

function readPort(value: string | undefined, problems: Problem[]): number {
  const v = emptyToUndefined(value);
  if (v === undefined) return 3000;
  const port = Number(v);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push({ where: 'PORT', message: `"${v}" is not a port number (0 to 65535)` });
    return 3000;
  }
  return port;
}

/**
 * `outbox` (the default) only stores messages, for the console to show; `smtp` sends through an SMTP
 * server; `notify` through GOV.UK Notify, with one email template whose subject is `((subject))` and
 * whose body is `((body))`.
 */
export type MailConfig =
  | { readonly transport: 'outbox' }
  | { readonly transport: 'smtp'; readonly smtpUrl: string; readonly from: string }
  | {
      readonly transport: 'notify';
      readonly notifyApiKey: string;
      readonly notifyTemplateId: string;
      /** Only to point at a stand-in for the Notify API; unset, the real one is used. */
      readonly notifyBaseUrl: string | undefined;
    };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the mail settings; messages name the variable and never repeat a secret. */
function readMail(env: Readonly<Record<string, string | undefined>>, problems: Problem[]): MailConfig {
  const transport = emptyToUndefined(env['CUSTODIAN_MAIL_TRANSPORT']) ?? 'outbox';
  const required = (name: string, what: string): string => {
    const value = emptyToUndefined(env[name]);
    if (value === undefined)
      problems.push({ where: name, message: `is required with the ${transport} transport (${what})` });
    return value ?? '';
  };
  switch (transport) {
    case 'outbox':
      return Object.freeze({ transport });
    case 'smtp': {
      const smtpUrl = required('CUSTODIAN_SMTP_URL', 'such as smtp://user:password@mail.example.org:587');
      if (smtpUrl !== '' && !isSmtpUrl(smtpUrl)) {
        problems.push({
          where: 'CUSTODIAN_SMTP_URL',
          message:
            'must be smtp://[user:password@]host[:port] or smtps://... (the value is not repeated here)',
        });
      }
      const from = required(
        'CUSTODIAN_MAIL_FROM',
        'the sender, such as "Privacy team <privacy@example.org>"',
      );
      if (
        from !== '' &&
        !/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/.test(from)
      ) {
        problems.push({
          where: 'CUSTODIAN_MAIL_FROM',
          message: `"${from}" is not an email address, or a name followed by one in <>`,
        });
      }
      return Object.freeze({ transport, smtpUrl, from });
    }
    case 'notify': {
      const notifyApiKey = required(
        'CUSTODIAN_NOTIFY_API_KEY',
        'from the API integration page of GOV.UK Notify',
      );
      // A Notify key is `name-<service id>-<secret>`, both UUIDs.
      const [serviceId, secret] = [notifyApiKey.slice(-73, -37), notifyApiKey.slice(-36)];
      if (
        notifyApiKey !== '' &&
        !(UUID.test(serviceId) && UUID.test(secret) && notifyApiKey.at(-37) === '-')
      ) {
        problems.push({
          where: 'CUSTODIAN_NOTIFY_API_KEY',
          message:
            'is not a GOV.UK Notify API key (name-<service id>-<secret>; the value is not repeated here)',
        });
      }
      const notifyTemplateId = required('CUSTODIAN_NOTIFY_TEMPLATE_ID', "the email template's id");
      if (notifyTemplateId !== '' && !UUID.test(notifyTemplateId)) {
        problems.push({
          where: 'CUSTODIAN_NOTIFY_TEMPLATE_ID',
          message: `"${notifyTemplateId}" is not a template id (a UUID)`,
        });
      }
      const notifyBaseUrl = emptyToUndefined(env['CUSTODIAN_NOTIFY_BASE_URL'])?.replace(/\/+$/, '');
      if (notifyBaseUrl !== undefined && !/^https?:\/\/[^/\s]+$/.test(notifyBaseUrl)) {
        problems.push({
          where: 'CUSTODIAN_NOTIFY_BASE_URL',
          message: `"${notifyBaseUrl}" is not a base address such as http://127.0.0.1:6011`,
        });
      }
      return Object.freeze({ transport, notifyApiKey, notifyTemplateId, notifyBaseUrl });
    }
    default:
      problems.push({ where: 'CUSTODIAN_MAIL_TRANSPORT', message: 'must be outbox, smtp or notify' });
      return Object.freeze({ transport: 'outbox' });
  }
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}
