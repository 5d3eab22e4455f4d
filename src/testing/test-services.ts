import { loadConfig } from '../config/config.ts';
import { createServices, type Services } from '../services.ts';
import type { TestStore } from './test-store.ts';

/** Every service over a test store, with a fixed clock unless one is given. */
export function createTestServices(
  store: TestStore,
  now: () => Date = () => new Date('2026-01-05T09:00:00Z'),
): Services {
  const config = loadConfig({
    NODE_ENV: 'test',
    ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
  });
  return createServices({ config, store, now });
}
