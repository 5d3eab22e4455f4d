import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('runs on SQLite in ./data on 127.0.0.1:3000 with no settings', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      environment: 'development',
    });
    expect(config.sqlitePath).toBe(path.resolve('data/custodian.sqlite'));
  });

  it('is frozen once read', () => {
    const config = loadConfig({ PORT: '4000' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config.port).toBe(4000);
  });

  it('reports every problem together', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_configuration');
    expect((error as AppError).problems.map((p) => p.where).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'NODE_ENV',
      'PORT',
    ]);
  });

  it('lets --port override PORT', () => {
    expect(loadConfig({ PORT: '4000' }, { port: 5000 }).port).toBe(5000);
  });
});
