import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error.ts';
import type { Connection } from './annotation-schema.ts';
import type { Connector } from './connector.ts';
import { createFilesConnector } from './files-connector.ts';
import { createMysqlConnector } from './mysql-connector.ts';
import { createPostgresConnector } from './postgres-connector.ts';
import { createSqliteConnector } from './sqlite-connector.ts';

/** Environment variables: a record, or a lookup (the configuration's, which never shows its values). */
export type Environment =
  Readonly<Record<string, string | undefined>> | ((name: string) => string | undefined);

export interface ConnectorOptions {
  /** Where `url_env`, `path_env` and `folder_env` are looked up. */
  readonly env: Environment;
  /** The folder relative paths start from: the annotation file's folder. */
  readonly baseDir: string;
  /** The system's id, for messages ("System housing did not answer: ..."). */
  readonly system?: string;
}

/**
 * The connector for an annotation's connection. Connection URLs come from an environment variable
 * or a secret file and are never put in a message: a missing variable or unreadable file is named,
 * its content never. Nothing is connected until the connector is first used.
 *
 * @example
 * const connector = createConnector(annotation.connection, { env: config.systemEnv, baseDir: annotation.baseDir, system: annotation.system });
 * try { await connector.ping(); } finally { await connector.close(); }
 */
export function createConnector(connection: Connection, options: ConnectorOptions): Connector {
  const system = options.system ?? connection.kind;
  switch (connection.kind) {
    case 'postgres': {
      const url = connectionUrl(connection, options, system);
      if (!/^postgres(ql)?:\/\//i.test(url))
        throw misconfigured(
          system,
          `the connection URL in ${urlSource(connection)} does not start with postgres://`,
        );
      return createPostgresConnector(url, system);
    }
    case 'mysql': {
      const url = connectionUrl(connection, options, system);
      if (!/^(mysql|mariadb):\/\//i.test(url))
        throw misconfigured(
          system,
          `the connection URL in ${urlSource(connection)} does not start with mysql:// or mariadb://`,
        );
      return createMysqlConnector(url, system);
    }
    case 'sqlite':
      return createSqliteConnector(
        localPath(connection.path, connection.path_env, 'path', options, system),
        system,
      );
    case 'files':
      return createFilesConnector(
        localPath(connection.folder, connection.folder_env, 'folder', options, system),
        system,
      );
  }
}

function lookup(env: Environment, name: string): string | undefined {
  const value = typeof env === 'function' ? env(name) : env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function misconfigured(system: string, why: string): AppError {
  return new AppError('invalid_configuration', `System ${system} cannot be reached: ${why}`);
}

function urlSource(connection: Connection): string {
  return connection.url_env !== undefined
    ? `environment variable ${connection.url_env}`
    : `file ${connection.url_file ?? ''}`;
}

/** The URL from `url_env`, or the first line of `url_file` (trailing whitespace ignored). */
function connectionUrl(connection: Connection, options: ConnectorOptions, system: string): string {
  if (connection.url_env !== undefined) {
    const url = lookup(options.env, connection.url_env);
    if (url === undefined)
      throw misconfigured(system, `the environment variable ${connection.url_env} is not set`);
    return url;
  }
  if (connection.url_file !== undefined) {
    const file = path.resolve(options.baseDir, connection.url_file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw misconfigured(system, `the secret file ${file} cannot be read`);
    }
    const url = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (url === '') throw misconfigured(system, `the secret file ${file} is empty`);
    return url;
  }
  throw misconfigured(system, 'its annotation names neither url_env nor url_file');
}

/** A file or folder from the annotation (relative to it) or from an environment variable. */
function localPath(
  given: string | undefined,
  envName: string | undefined,
  field: 'path' | 'folder',
  options: ConnectorOptions,
  system: string,
): string {
  if (given !== undefined) return path.resolve(options.baseDir, given);
  if (envName !== undefined) {
    const value = lookup(options.env, envName);
    if (value === undefined) throw misconfigured(system, `the environment variable ${envName} is not set`);
    return path.resolve(options.baseDir, value);
  }
  throw misconfigured(system, `its annotation names neither ${field} nor ${field}_env`);
}
