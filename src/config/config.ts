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
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
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
  });
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
