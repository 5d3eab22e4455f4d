import path from 'node:path';
import { AppError, type Problem } from '../errors/app-error.ts';
import { loadRegister, sortProblems } from '../register/load-register.ts';
import type { Register } from '../register/register-schema.ts';
import type { RegisterService } from '../register/register-service.ts';
import { locate } from '../register/source-locations.ts';
import type { Dependencies } from '../services.ts';
import type { Annotation, Connection } from './annotation-schema.ts';
import { compareWithLive } from './check-system.ts';
import type { Connector, ConnectorKind } from './connector.ts';
import { createConnector } from './create-connector.ts';
import { loadAnnotations, type LoadedAnnotations } from './load-annotations.ts';
import { scanSystem } from './scan-system.ts';

/** Whether a system answers: `answers`, `unavailable` (it did not), `misconfigured` (its secret is missing), `invalid` (its annotation has errors). */
export type SystemState = 'answers' | 'unavailable' | 'misconfigured' | 'invalid';

export interface SystemStatus {
  system: string;
  file: string;
  kind: ConnectorKind | undefined;
  state: SystemState;
  /** Why it is not `answers`; never a secret. */
  message?: string;
}

export interface SystemCheck {
  system: string;
  file: string;
  kind: ConnectorKind | undefined;
  state: SystemState;
  /** The annotation's own problems, then what differs from the live schema. */
  problems: Problem[];
}

export interface CheckReport {
  /** True when no system has an error. */
  valid: boolean;
  errors: number;
  warnings: number;
  /** Problems with the folder as a whole (missing, empty, no register to check against). */
  problems: Problem[];
  systems: SystemCheck[];
}

export interface SystemsOptions {
  /** The folder of annotation files; the configured one (`CUSTODIAN_SYSTEMS_DIR`) when not given. */
  systemsDir?: string;
  /** A folder of register files to check against instead of the current stored version. */
  registerDir?: string;
}

/** What `scan` reads: a connection as the proposal should write it, and the folder its paths start from. */
export interface ScanSource {
  system: string;
  connection: Connection;
  baseDir: string;
  sampleSize?: number;
}

/**
 * The organisation's connected systems, described by annotation files read on demand from the
 * systems folder. Connectors are opened for one piece of work and closed after it (`withConnector`),
 * so nothing stays connected between requests and nothing needs closing when the app stops.
 */
export function createSystemsService(deps: Dependencies & { register: RegisterService }) {
  const { config, register: registerService, now } = deps;

  async function registerFor(options: SystemsOptions): Promise<Register | undefined> {
    if (options.registerDir === undefined) return (await registerService.findCurrent())?.register;
    const loaded = await loadRegister(options.registerDir);
    if (loaded.register === undefined)
      throw new AppError(
        'invalid_register',
        `The register in ${options.registerDir} is invalid; fix it before checking systems against it`,
        {
          problems: loaded.problems,
        },
      );
    return loaded.register;
  }

  async function load(options: SystemsOptions = {}): Promise<LoadedAnnotations & { dir: string }> {
    const dir = options.systemsDir ?? config.systemsDir;
    return { ...(await loadAnnotations(dir, await registerFor(options))), dir };
  }

  function connectorFor(annotation: Annotation): Connector {
    return createConnector(annotation.connection, {
      env: config.systemEnv,
      baseDir: annotation.baseDir,
      system: annotation.system,
    });
  }

  async function withConnector<T>(
    annotation: Annotation,
    work: (connector: Connector) => Promise<T>,
  ): Promise<T> {
    const connector = connectorFor(annotation);
    try {
      return await work(connector);
    } finally {
      await connector.close().catch(() => undefined);
    }
  }

  /** Runs `work` and says how the system fared, without letting a connection failure escape. */
  async function reach<T>(
    annotation: Annotation,
    work: (connector: Connector) => Promise<T>,
  ): Promise<{ state: 'answers'; value: T } | { state: 'unavailable' | 'misconfigured'; message: string }> {
    try {
      return { state: 'answers', value: await withConnector(annotation, work) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return {
        state: error.code === 'invalid_configuration' ? 'misconfigured' : 'unavailable',
        message: error.message,
      };
    }
  }

  function invalidEntries(loaded: LoadedAnnotations): { system: string; file: string }[] {
    return loaded.invalid.map((i) => ({ system: i.system ?? i.file.replace(/\.ya?ml$/i, ''), file: i.file }));
  }

  function problemsOf(loaded: LoadedAnnotations, file: string): Problem[] {
    return loaded.problems.filter((p) => p.where === file || p.where.startsWith(`${file}:`));
  }

  async function checkOne(annotation: Annotation, loaded: LoadedAnnotations): Promise<SystemCheck> {
    const own = problemsOf(loaded, annotation.file);
    const base = { system: annotation.system, file: annotation.file, kind: annotation.connection.kind };
    const reached = await reach(annotation, (connector) => connector.describe());
    if (reached.state !== 'answers')
      return {
        ...base,
        state: reached.state,
        problems: [
          ...own,
          {
            where: locate(annotation.locations, ['connection'], `${annotation.file}:1`),
            message: reached.message,
            hint:
              reached.state === 'misconfigured'
                ? 'set the environment variable or secret file the connection names'
                : 'check that the system is running and that Custodian may reach it, then check again',
            severity: 'error',
          },
        ],
      };
    return {
      ...base,
      state: 'answers',
      problems: sortProblems([...own, ...compareWithLive(annotation, reached.value)]),
    };
  }

  async function getAnnotation(system: string, options: SystemsOptions = {}): Promise<Annotation> {
    const loaded = await load(options);
    const found = loaded.annotations.find((a) => a.system === system);
    if (found !== undefined) return found;
    const invalid = invalidEntries(loaded).find((i) => i.system === system);
    if (invalid !== undefined)
      throw new AppError(
        'invalid_register',
        `The annotation of system ${system} (${invalid.file}) has errors`,
        {
          problems: problemsOf(loaded, invalid.file),
        },
      );
    throw new AppError('not_found', `System ${system} has no annotation in ${loaded.dir}`);
  }

  return {
    /** Every annotation in the folder, validated and cross-checked with the register. */
    loadAnnotations: load,

    /** The annotation of one system; `not_found` when there is none, `invalid_register` with its problems when it has errors. */
    getAnnotation,

    /** Runs `work` with a connector to the system, closing it afterwards. */
    async withConnector<T>(
      system: string | Annotation,
      work: (connector: Connector) => Promise<T>,
      options: SystemsOptions = {},
    ): Promise<T> {
      const annotation = typeof system === 'string' ? await getAnnotation(system, options) : system;
      return withConnector(annotation, work);
    },

    /** Each annotated system with its kind and whether it answers. */
    async list(options: SystemsOptions = {}): Promise<{ systems: SystemStatus[]; problems: Problem[] }> {
      const loaded = await load(options);
      const reached = await Promise.all(
        loaded.annotations.map(async (annotation): Promise<SystemStatus> => {
          const outcome = await reach(annotation, (connector) => connector.ping());
          return {
            system: annotation.system,
            file: annotation.file,
            kind: annotation.connection.kind,
            state: outcome.state,
            ...(outcome.state === 'answers' ? {} : { message: outcome.message }),
          };
        }),
      );
      const invalid = invalidEntries(loaded).map((i): SystemStatus => ({
        ...i,
        kind: undefined,
        state: 'invalid',
        message: `its annotation has ${String(problemsOf(loaded, i.file).filter((p) => p.severity !== 'warning').length)} error(s): run custodian systems check`,
      }));
      const systems = [...reached, ...invalid].sort((a, b) =>
        a.system < b.system ? -1 : a.system > b.system ? 1 : 0,
      );
      return { systems, problems: loaded.problems };
    },

    /** Compares each annotation (or the one named) with its system's live schema. */
    async check(system?: string, options: SystemsOptions = {}): Promise<CheckReport> {
      const loaded = await load(options);
      const folderProblems = loaded.problems.filter(
        (p) => !loaded.files.some((f) => p.where === f || p.where.startsWith(`${f}:`)),
      );
      const annotations = loaded.annotations.filter((a) => system === undefined || a.system === system);
      const invalid = invalidEntries(loaded).filter((i) => system === undefined || i.system === system);
      if (system !== undefined && annotations.length === 0 && invalid.length === 0)
        throw new AppError('not_found', `System ${system} has no annotation in ${loaded.dir}`);
      const checks = [
        ...(await Promise.all(annotations.map((a) => checkOne(a, loaded)))),
        ...invalid.map((i): SystemCheck => ({
          ...i,
          kind: undefined,
          state: 'invalid',
          problems: problemsOf(loaded, i.file),
        })),
      ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      const all = [...folderProblems, ...checks.flatMap((c) => c.problems)];
      const warnings = all.filter((p) => p.severity === 'warning').length;
      const errors = all.length - warnings;
      return { valid: errors === 0, errors, warnings, problems: folderProblems, systems: checks };
    },

    /** Proposes an annotation (YAML with a comment per guess) from the live schema and sampled rows. */
    async scan(source: ScanSource): Promise<string> {
      const connector = createConnector(source.connection, {
        env: config.systemEnv,
        baseDir: source.baseDir,
        system: source.system,
      });
      try {
        return await scanSystem(connector, {
          system: source.system,
          connection: source.connection,
          sampleSize: source.sampleSize ?? 200,
          referenceYear: now().getUTCFullYear(),
        });
      } finally {
        await connector.close().catch(() => undefined);
      }
    },

    /** The folder annotations are read from when none is named. */
    systemsDir: (options: SystemsOptions = {}) => path.resolve(options.systemsDir ?? config.systemsDir),
  };
}

export type SystemsService = ReturnType<typeof createSystemsService>;
