import fs from 'node:fs/promises';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import type pg from 'pg';
import { AppError } from '../errors/app-error.ts';
import { annotationYaml, CRM_URL_ENV, HOUSING_URL_ENV } from './annotation-files.ts';
import { REFERENCE_DATE } from './dates.ts';
import { checkFolderHolds, DEMO_PATHS, existingEntries, prepareFolder, removeEntries } from './demo-files.ts';
import { databaseNames, type DemoPlace, type GenerateOptions } from './demo-options.ts';
import { CsvTableWriter, GroundTruthWriter, XlsxTableWriter } from './file-writers.ts';
import { SYSTEM_IDS, type HardCase, type SystemId } from './ground-truth.ts';
import { MysqlLoader } from './mysql-loader.ts';
import { OrganisationBuilder, SYSTEM_TABLES, type Batch } from './organisation.ts';
import { PostgresLoader } from './postgres-loader.ts';
import { REGISTER_FILES } from './register-files.ts';
import { SPREADSHEET_FILES, SPREADSHEET_TABLES, type TableRows } from './schema.ts';
import {
  connectMysql,
  connectPostgres,
  createMysqlDatabase,
  createPostgresDatabase,
  describeError,
  dropMysqlDatabase,
  dropPostgresDatabase,
  mysqlDatabaseExists,
  postgresDatabaseExists,
  withDatabase,
} from './servers.ts';
import { SqliteLoader } from './sqlite-loader.ts';

/** People made and written per batch: enough to keep the servers busy, few enough to bound memory. */
const BATCH_PEOPLE = 5000;

export interface SystemManifest {
  kind: 'postgres' | 'mysql' | 'sqlite' | 'files';
  database?: string;
  url_env?: string;
  path?: string;
  folder?: string;
  tables: Record<string, number>;
}

/** `manifest.json`: what was made, from which seed, with the counts to check it by. */
export interface DemoManifest {
  generator: 'custodian demo generate';
  name: string;
  seed: number;
  people: number;
  households: number;
  reference_date: string;
  rows: number;
  systems: Record<SystemId, SystemManifest>;
  hard_cases: Record<HardCase, number>;
  people_in_system: Record<SystemId, number>;
  people_by_number_of_systems: Record<string, number>;
  ground_truth: string;
  register: string;
  annotations: string;
  env_file: string;
}

export interface GenerateResult {
  manifest: DemoManifest;
  seconds: number;
  /** The largest resident set of the process so far, in bytes. */
  peakRss: number;
}

type Progress = (message: string) => void;

/**
 * Makes the synthetic housing association: the housing database on PostgreSQL, the CRM on
 * MariaDB, the case notes in SQLite and the spreadsheet folder, with its register, annotations,
 * ground truth and manifest. Refuses to overwrite an existing demo of the same name unless forced;
 * if anything fails part-way, removes what it made.
 */
export async function generateDemo(
  options: GenerateOptions,
  progress: Progress = () => undefined,
): Promise<GenerateResult> {
  const started = performance.now();
  const { created } = await prepareFolder(options.out);
  await checkFolderHolds(options.out, options.name);
  const names = databaseNames(options.name);
  let admin: Admin | undefined;
  let made = false;
  try {
    admin = await Admin.open(options);
    await refuseOrClear(options, admin, progress);
    made = true;
    await admin.createDatabases(names);
    const manifest = await loadOrganisation(options, progress);
    await writeDescriptions(options, manifest);
    return {
      manifest,
      seconds: (performance.now() - started) / 1000,
      peakRss: process.resourceUsage().maxRSS * 1024,
    };
  } catch (error) {
    if (made && admin) {
      progress('generation failed: removing what was made');
      await admin.dropDatabases(names).catch(() => undefined);
      await removeEntries(options.out).catch(() => undefined);
    }
    if (created) await fs.rmdir(options.out).catch(() => undefined);
    throw error;
  } finally {
    await admin?.close();
  }
}

/** What `demo drop` removed. */
export interface DropResult {
  databases: string[];
  entries: string[];
}

/** Removes a demo: its two databases (if they exist) and the entries it wrote in its folder. */
export async function dropDemo(place: DemoPlace): Promise<DropResult> {
  await checkFolderHolds(place.out, place.name);
  const names = databaseNames(place.name);
  const admin = await Admin.open(place);
  try {
    const databases = await admin.existing(names);
    await admin.dropDatabases(names);
    const entries = await removeEntries(place.out);
    return { databases, entries };
  } finally {
    await admin.close();
  }
}

// ---------------------------------------------------------------------------------------------

/** The administrator's connections to both servers, for making and dropping the demo's databases. */
class Admin {
  private constructor(
    private readonly postgres: pg.Client,
    private readonly mysql: mysql.Connection,
  ) {}

  static async open(place: DemoPlace): Promise<Admin> {
    const postgres = await connectPostgres(place.postgresUrl.toString());
    try {
      const mysql = await connectMysql(place.mysqlUrl.toString());
      return new Admin(postgres, mysql);
    } catch (error) {
      await postgres.end().catch(() => undefined);
      throw error;
    }
  }

  /** Describes each existing database as `name on Server`. */
  async existing(names: { housing: string; crm: string }): Promise<string[]> {
    const found: string[] = [];
    if (await postgresDatabaseExists(this.postgres, names.housing))
      found.push(`${names.housing} on PostgreSQL`);
    if (await mysqlDatabaseExists(this.mysql, names.crm)) found.push(`${names.crm} on MariaDB`);
    return found;
  }

  async createDatabases(names: { housing: string; crm: string }): Promise<void> {
    await createPostgresDatabase(this.postgres, names.housing).catch((error: unknown) => {
      throw failure('PostgreSQL', `creating database ${names.housing}`, error);
    });
    await createMysqlDatabase(this.mysql, names.crm).catch((error: unknown) => {
      throw failure('MariaDB', `creating database ${names.crm}`, error);
    });
  }

  async dropDatabases(names: { housing: string; crm: string }): Promise<void> {
    await dropPostgresDatabase(this.postgres, names.housing);
    await dropMysqlDatabase(this.mysql, names.crm);
  }

  async close(): Promise<void> {
    await this.postgres.end().catch(() => undefined);
    await this.mysql.end().catch(() => undefined);
  }
}

async function refuseOrClear(options: GenerateOptions, admin: Admin, progress: Progress): Promise<void> {
  const names = databaseNames(options.name);
  const databases = await admin.existing(names);
  const entries = await existingEntries(options.out);
  if (databases.length + entries.length === 0) return;
  const found = [...databases, ...entries.map((entry) => path.join(options.out, entry))];
  if (!options.force) {
    throw new AppError(
      'conflict',
      `a demo named ${options.name} already exists (${found.join(', ')}): ` +
        `add --force to replace it, or remove it with custodian demo drop --name ${options.name} --out ${options.out}`,
    );
  }
  progress(`replacing the existing demo: ${found.join(', ')}`);
  await admin.dropDatabases(names);
  await removeEntries(options.out);
}

function failure(server: string, doing: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('store_unavailable', `${server} failed while ${doing}: ${describeError(error)}`, {
    cause: error,
  });
}

/** Everything that is written batch by batch, opened together and closed together. */
interface Sinks {
  housing: PostgresLoader;
  crm: MysqlLoader;
  casenotes: SqliteLoader;
  signups: CsvTableWriter;
  survey: XlsxTableWriter;
  truth: GroundTruthWriter;
}

async function loadOrganisation(options: GenerateOptions, progress: Progress): Promise<DemoManifest> {
  const names = databaseNames(options.name);
  const urls = {
    housing: withDatabase(options.postgresUrl, names.housing),
    crm: withDatabase(options.mysqlUrl, names.crm),
  };
  const sinks = await openSinks(options, urls);
  const counts = Object.fromEntries(
    SYSTEM_IDS.map((system) => [system, Object.fromEntries(SYSTEM_TABLES[system].map((t) => [t.name, 0]))]),
  ) as Record<SystemId, Record<string, number>>;
  const builder = new OrganisationBuilder(options.seed, options.people);
  const reporter = progressReporter(options.people, progress);
  try {
    let remote: Promise<unknown> = Promise.resolve();
    for (let done = 0; done < options.people;) {
      const batch = builder.nextBatch(Math.min(BATCH_PEOPLE, options.people - done));
      done += batch.truth.length;
      count(batch, counts);
      sinks.casenotes.insert(batch.rows.casenotes);
      await writeSpreadsheets(sinks, batch.rows.spreadsheets);
      await sinks.truth.write(batch.truth);
      // The servers load this batch while the next one is made; one batch at a time is in flight.
      await remote;
      remote = Promise.all([
        sinks.housing.insert(batch.rows.housing).catch((error: unknown) => {
          throw failure('PostgreSQL', 'loading the housing system', error);
        }),
        sinks.crm.insert(batch.rows.crm).catch((error: unknown) => {
          throw failure('MariaDB', 'loading the CRM', error);
        }),
      ]);
      remote.catch(() => undefined);
      reporter(done, total(counts));
    }
    await remote;
    progress('creating indexes and foreign keys');
    await Promise.all([
      sinks.housing.finish().catch((error: unknown) => {
        throw failure('PostgreSQL', 'indexing the housing system', error);
      }),
      sinks.crm.finish().catch((error: unknown) => {
        throw failure('MariaDB', 'indexing the CRM', error);
      }),
    ]);
    sinks.casenotes.finish();
  } finally {
    await closeSinks(sinks);
  }
  return manifestOf(options, builder, counts);
}

async function openSinks(options: GenerateOptions, urls: { housing: string; crm: string }): Promise<Sinks> {
  const out = options.out;
  await fs.mkdir(path.join(out, DEMO_PATHS.spreadsheets), { recursive: true });
  const opened: Partial<Sinks> = {};
  try {
    opened.housing = await PostgresLoader.open(urls.housing, SYSTEM_TABLES.housing);
    await opened.housing.createTables();
    opened.crm = await MysqlLoader.open(urls.crm, SYSTEM_TABLES.crm);
    await opened.crm.createTables();
    opened.casenotes = SqliteLoader.open(path.join(out, DEMO_PATHS.casenotes), SYSTEM_TABLES.casenotes);
    const [signups, survey] = SPREADSHEET_TABLES;
    if (signups === undefined || survey === undefined) throw new Error('the spreadsheet tables are missing');
    const fileOf = (name: string) => path.join(out, DEMO_PATHS.spreadsheets, SPREADSHEET_FILES[name] ?? name);
    opened.signups = new CsvTableWriter(fileOf(signups.name), signups);
    opened.survey = new XlsxTableWriter(fileOf(survey.name), survey, 'Responses');
    opened.truth = new GroundTruthWriter(path.join(out, DEMO_PATHS.groundTruth));
    return opened as Sinks;
  } catch (error) {
    await closeSinks(opened);
    throw error;
  }
}

async function closeSinks(sinks: Partial<Sinks>): Promise<void> {
  await sinks.housing?.close();
  await sinks.crm?.close();
  sinks.casenotes?.close();
  await sinks.signups?.close();
  await sinks.survey?.close();
  await sinks.truth?.close();
}

async function writeSpreadsheets(sinks: Sinks, rows: TableRows): Promise<void> {
  await sinks.signups.write(rows.get('event-signups') ?? []);
  sinks.survey.write(rows.get('tenant-survey-2025') ?? []);
}

function count(batch: Batch, counts: Record<SystemId, Record<string, number>>): void {
  for (const system of SYSTEM_IDS) {
    for (const [table, rows] of batch.rows[system])
      counts[system][table] = (counts[system][table] ?? 0) + rows.length;
  }
}

function total(counts: Record<SystemId, Record<string, number>>): number {
  return SYSTEM_IDS.reduce(
    (sum, system) => sum + Object.values(counts[system]).reduce((a, b) => a + b, 0),
    0,
  );
}

/** Reports progress at most every few seconds, and at the end. */
function progressReporter(people: number, progress: Progress): (done: number, rows: number) => void {
  const started = performance.now();
  let last = started;
  return (done, rows) => {
    const now = performance.now();
    if (done < people && now - last < 3000) return;
    last = now;
    const seconds = (now - started) / 1000;
    const percent = Math.floor((done * 100) / people);
    progress(
      `${done.toLocaleString('en-GB')} of ${people.toLocaleString('en-GB')} people (${String(percent)}%), ` +
        `${rows.toLocaleString('en-GB')} rows, ${seconds.toFixed(1)} s`,
    );
  };
}

function manifestOf(
  options: GenerateOptions,
  builder: OrganisationBuilder,
  counts: Record<SystemId, Record<string, number>>,
): DemoManifest {
  const names = databaseNames(options.name);
  const stats = builder.stats;
  return {
    generator: 'custodian demo generate',
    name: options.name,
    seed: options.seed,
    people: stats.people,
    households: stats.households,
    reference_date: REFERENCE_DATE,
    rows: total(counts),
    systems: {
      housing: {
        kind: 'postgres',
        database: names.housing,
        url_env: HOUSING_URL_ENV,
        tables: counts.housing,
      },
      crm: { kind: 'mysql', database: names.crm, url_env: CRM_URL_ENV, tables: counts.crm },
      casenotes: { kind: 'sqlite', path: DEMO_PATHS.casenotes, tables: counts.casenotes },
      spreadsheets: { kind: 'files', folder: DEMO_PATHS.spreadsheets, tables: counts.spreadsheets },
    },
    hard_cases: stats.hardCases,
    people_in_system: stats.presence,
    people_by_number_of_systems: stats.systemsPerPerson,
    ground_truth: DEMO_PATHS.groundTruth,
    register: DEMO_PATHS.register,
    annotations: DEMO_PATHS.systems,
    env_file: DEMO_PATHS.env,
  };
}

/** The register, the annotations, the environment file with the two URLs, and the manifest. */
async function writeDescriptions(options: GenerateOptions, manifest: DemoManifest): Promise<void> {
  const out = options.out;
  for (const [file, text] of Object.entries(REGISTER_FILES)) {
    const target = path.join(out, DEMO_PATHS.register, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, text);
  }
  await fs.mkdir(path.join(out, DEMO_PATHS.systems), { recursive: true });
  for (const system of SYSTEM_IDS) {
    await fs.writeFile(path.join(out, DEMO_PATHS.systems, `${system}.yaml`), annotationYaml(system));
  }
  const names = databaseNames(options.name);
  // The only place the connection URLs are written: they may hold passwords.
  await fs.writeFile(
    path.join(out, DEMO_PATHS.env),
    `# Connection URLs of the synthetic organisation's databases (custodian demo generate).\n` +
      `${HOUSING_URL_ENV}=${withDatabase(options.postgresUrl, names.housing)}\n` +
      `${CRM_URL_ENV}=${withDatabase(options.mysqlUrl, names.crm)}\n`,
    { mode: 0o600 },
  );
  await fs.writeFile(path.join(out, DEMO_PATHS.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
}
