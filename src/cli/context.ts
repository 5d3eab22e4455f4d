import { loadConfig, type Config, type ConfigOverrides } from '../config/config.ts';
import { openStore } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createServices, type Services } from '../services.ts';

/** What a command needs from the outside world; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  /** Reads all of standard input (for secrets such as `--password-stdin`); process.stdin when absent. */
  readonly stdin?: () => Promise<string>;
}

export interface CliContext extends CliIo {
  /** The configuration, read once (on first use) from the environment plus any overrides. */
  config(overrides?: ConfigOverrides): Config;
  /** Opens and migrates the store, runs `work` with every service, then closes the store. */
  withServices<T>(work: (services: Services) => Promise<T>, overrides?: ConfigOverrides): Promise<T>;
}

export function createCliContext(io: CliIo): CliContext {
  let config: Config | undefined;
  const context: CliContext = {
    ...io,
    config(overrides = {}) {
      config ??= loadConfig(io.env, overrides);
      return config;
    },
    async withServices(work, overrides) {
      const cfg = context.config(overrides);
      const store = await openStore(cfg);
      try {
        await migrateToLatest(store.db);
        return await work(createServices({ config: cfg, store, now: io.now }));
      } finally {
        await store.close();
      }
    },
  };
  return context;
}

/** Thrown by a command to end with a particular exit code after it has printed its own output. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
