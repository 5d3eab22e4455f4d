import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import type { Connection } from './annotation-schema.ts';
import type { Connector, Row, RowChange } from './connector.ts';
import { createConnector } from './create-connector.ts';
import { formatCsv } from './csv.ts';
import { createMysqlDatabase, createPostgresDatabase, type TestDatabase } from './test-databases.ts';

/**
 * One suite, run against each kind of system: a real PostgreSQL and MariaDB database, a SQLite
 * file and a folder of CSV and XLSX files, each holding the same people.
 */

const HOSTILE = '"; DROP TABLE people; --';
const ODD_TABLE = `it's "odd"`;
const ODD_COLUMN = 'we`ird "col"';

interface System {
  connection: Connection;
  env: Record<string, string>;
  baseDir: string;
  /** A date column's type as this system names it. */
  dateType: RegExp;
  /** Whether the system declares keys and indexes (files do not). */
  declaresKeys: boolean;
  cleanup(): Promise<void>;
}

const PEOPLE_ROWS = [
  [
    1,
    'ann@example.org',
    'Smith',
    '1980-01-31',
    'Called on Monday, said "fine"\nsecond line',
    '2026-01-05 09:00:00',
  ],
  [2, 'bob@example.org', 'Smi_th', '1975-06-15', null, '2026-01-06 10:30:00'],
  [3, 'cat@example.org', 'Smi%th', '1990-12-01', null, '2026-01-07 11:00:00'],
  [4, 'dan@example.org', 'Smithson', '2001-02-28', null, '2026-01-08 12:00:00'],
  [5, 'eve@example.org', null, null, null, null],
] as const;

function sqlValue(value: string | number | null): string {
  return value === null
    ? 'null'
    : typeof value === 'number'
      ? String(value)
      : `'${value.replaceAll("'", "''")}'`;
}

function insertPeople(backslashEscapes: boolean): string {
  const escape = (v: string | number | null) => {
    const text = sqlValue(v);
    return backslashEscapes && typeof v === 'string'
      ? text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')
      : text;
  };
  return `insert into people (id, email, surname, dob, notes, created_at) values ${PEOPLE_ROWS.map((r) => `(${r.map(escape).join(', ')})`).join(', ')}`;
}

async function postgresSystem(): Promise<System> {
  const db: TestDatabase = await createPostgresDatabase();
  await db.run(
    'create table people (id integer primary key, email text not null, surname text, dob date, notes text, active boolean not null default true, created_at timestamp)',
    'create index people_surname on people (surname)',
    insertPeople(false),
    `create table "it's ""odd""" ("we\`ird ""col""" text primary key)`,
    `insert into "it's ""odd""" values ('x')`,
  );
  return {
    connection: { kind: 'postgres', url_env: 'TEST_HOUSING_URL' },
    env: { TEST_HOUSING_URL: db.url },
    baseDir: os.tmpdir(),
    dateType: /^date$/,
    declaresKeys: true,
    cleanup: () => db.drop(),
  };
}

async function mysqlSystem(): Promise<System> {
  const db = await createMysqlDatabase();
  await db.run(
    'create table people (id int primary key, email varchar(100) not null, surname varchar(100), dob date, notes text, active tinyint(1) not null default 1, created_at datetime) engine=InnoDB',
    'create index people_surname on people (surname)',
    insertPeople(true),
    'create table `it\'s "odd"` (`we``ird "col"` varchar(20) primary key) engine=InnoDB',
    "insert into `it's \"odd\"` values ('x')",
  );
  return {
    connection: { kind: 'mysql', url_env: 'TEST_CRM_URL' },
    env: { TEST_CRM_URL: db.url },
    baseDir: os.tmpdir(),
    dateType: /^date$/,
    declaresKeys: true,
    cleanup: () => db.drop(),
  };
}

function sqliteSystem(): Promise<System> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-sqlite-'));
  const db = new SqliteDatabase(path.join(dir, 'casenotes.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(
    'create table people (id integer primary key, email text not null, surname text, dob date, notes text, active integer not null default 1, created_at text)',
  );
  db.exec('create index people_surname on people (surname)');
  db.exec(insertPeople(false));
  db.exec(`create table "it's ""odd""" ("we\`ird ""col""" text primary key)`);
  db.exec(`insert into "it's ""odd""" values ('x')`);
  db.close();
  return Promise.resolve({
    connection: { kind: 'sqlite', path: 'casenotes.sqlite' },
    env: {},
    baseDir: dir,
    dateType: /^date$/,
    declaresKeys: true,
    cleanup: () => removeDir(dir),
  });
}

async function filesSystem(): Promise<System> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-files-'));
  const folder = path.join(dir, 'spreadsheets');
  fs.mkdirSync(folder);
  const header = ['id', 'email', 'surname', 'dob', 'notes', 'active', 'created_at'];
  const records = [
    header,
    ...PEOPLE_ROWS.map((r) => [...r.slice(0, 5), 'true', r[5]].map((v) => (v === null ? '' : String(v)))),
  ];
  fs.writeFileSync(path.join(folder, 'people.csv'), formatCsv(records, { lineBreak: '\r\n', bom: true }));
  fs.writeFileSync(
    path.join(folder, `${ODD_TABLE}.csv`),
    `${ODD_COLUMN.includes('"') ? `"${ODD_COLUMN.replaceAll('"', '""')}"` : ODD_COLUMN}\r\nx\r\n`,
  );
  const workbook = new ExcelJS.Workbook();
  const visits = workbook.addWorksheet('Visits');
  visits.addRow(['visit_id', 'person_id', 'visited_on', 'officer']);
  visits.addRow(['V1', 1, new Date(Date.UTC(2025, 10, 3)), 'Jo']);
  visits.addRow(['V2', 4, new Date(Date.UTC(2025, 11, 1)), 'Sam']);
  await workbook.xlsx.writeFile(path.join(folder, 'visits.xlsx'));
  const several = new ExcelJS.Workbook();
  several.addWorksheet('2024').addRow(['ref']);
  several.addWorksheet('2025').addRow(['ref']);
  await several.xlsx.writeFile(path.join(folder, 'registers.xlsx'));
  fs.writeFileSync(path.join(folder, '~$people.xlsx'), 'an Excel lock file');
  return {
    connection: { kind: 'files', folder_env: 'TEST_SPREADSHEETS' },
    env: { TEST_SPREADSHEETS: 'spreadsheets' },
    baseDir: dir,
    dateType: /^date$/,
    declaresKeys: false,
    cleanup: () => removeDir(dir),
  };
}

function removeDir(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  return Promise.resolve();
}

const SYSTEMS: [string, () => Promise<System>][] = [
  ['postgres', postgresSystem],
  ['mysql', mysqlSystem],
  ['sqlite', sqliteSystem],
  ['files', filesSystem],
];

const ids = (rows: readonly Row[]) => rows.map((r) => String(r['id'])).sort();

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(SYSTEMS)('the %s connector', (kind, create) => {
  let system: System;
  let connector: Connector;
  const open = () =>
    createConnector(system.connection, { env: system.env, baseDir: system.baseDir, system: 'test' });

  beforeAll(async () => {
    system = await create();
    connector = open();
  });
  afterAll(async () => {
    await connector.close();
    await system.cleanup();
  });

  it('answers a ping', async () => {
    expect(connector.kind).toBe(kind);
    await expect(connector.ping()).resolves.toBeUndefined();
  });

  it('describes its tables, columns, keys and indexes', async () => {
    const schema = await connector.describe();
    const people = schema.tables.find((t) => t.name === 'people');
    expect(people?.columns.map((c) => c.name)).toEqual([
      'id',
      'email',
      'surname',
      'dob',
      'notes',
      'active',
      'created_at',
    ]);
    expect(people?.columns.find((c) => c.name === 'dob')?.type).toMatch(system.dateType);
    expect(schema.tables.map((t) => t.name)).toContain(ODD_TABLE);
    if (system.declaresKeys) {
      expect(people?.primaryKey).toEqual(['id']);
      expect(people?.indexes).toContainEqual(['surname']);
      expect(people?.columns.find((c) => c.name === 'email')?.nullable).toBe(false);
    } else {
      expect(people?.primaryKey).toEqual([]);
      expect(people?.approximateRows).toBe(5);
      expect(schema.tables.map((t) => t.name).sort()).toEqual([
        'it\'s "odd"',
        'people',
        'registers/2024',
        'registers/2025',
        'visits',
      ]);
    }
  });

  it('samples rows with dates as YYYY-MM-DD and timestamps as ISO text', async () => {
    const rows = await connector.sample('people', 2);
    expect(rows).toHaveLength(2);
    const ann = (await connector.sample('people', 10)).find((r) => String(r['id']) === '1');
    expect(ann?.['dob']).toBe('1980-01-31');
    expect(ann?.['notes']).toBe('Called on Monday, said "fine"\nsecond line');
    if (kind === 'postgres' || kind === 'mysql') expect(ann?.['created_at']).toBe('2026-01-05T09:00:00.000Z');
  });

  it('selects with IN, prefixes and OR of ANDs, returning the key columns too', async () => {
    const rows = await connector.select({
      table: 'people',
      columns: ['email'],
      key: ['id'],
      anyOf: [[{ column: 'email', equals: ['ann@example.org', 'cat@example.org'] }]],
      limit: 10,
    });
    expect(ids(rows)).toEqual(['1', '3']);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['email', 'id']);

    const either = await connector.select({
      table: 'people',
      columns: ['surname'],
      key: ['id'],
      anyOf: [
        [
          { column: 'surname', startsWith: 'Smith' },
          { column: 'dob', equals: ['1980-01-31'] },
        ],
        [{ column: 'email', equals: ['bob@example.org'] }],
      ],
      limit: 10,
    });
    expect(ids(either)).toEqual(['1', '2']);
  });

  it('escapes % and _ in a prefix, so they match only themselves', async () => {
    const prefix = async (startsWith: string) =>
      ids(
        await connector.select({
          table: 'people',
          columns: ['surname'],
          key: ['id'],
          anyOf: [[{ column: 'surname', startsWith }]],
          limit: 10,
        }),
      );
    expect(await prefix('Smi_')).toEqual(['2']);
    expect(await prefix('Smi%')).toEqual(['3']);
    expect(await prefix('Smith')).toEqual(['1', '4']);
  });

  it('matches an empty value with null among the values, and keeps to the limit', async () => {
    const empty = await connector.select({
      table: 'people',
      columns: ['surname'],
      key: ['id'],
      anyOf: [[{ column: 'surname', equals: [null] }]],
      limit: 10,
    });
    expect(ids(empty)).toEqual(['5']);
    const capped = await connector.select({
      table: 'people',
      columns: ['email'],
      key: ['id'],
      anyOf: [[{ column: 'surname', startsWith: 'Smi' }]],
      limit: 2,
    });
    expect(capped).toHaveLength(2);
    expect(
      await connector.select({ table: 'people', columns: ['email'], key: ['id'], anyOf: [], limit: 5 }),
    ).toEqual([]);
  });

  it('reads tables and columns whose names hold quotes', async () => {
    const rows = await connector.select({
      table: ODD_TABLE,
      columns: [ODD_COLUMN],
      anyOf: [[{ column: ODD_COLUMN, equals: ['x'] }]],
      limit: 1,
      key: [ODD_COLUMN],
    });
    expect(rows).toEqual([{ [ODD_COLUMN]: 'x' }]);
  });

  it('refuses tables and columns not in the live schema, and never runs them', async () => {
    const table = await refusal(
      connector.select({
        table: HOSTILE,
        columns: ['id'],
        anyOf: [[{ column: 'id', equals: [1] }]],
        limit: 1,
      }),
    );
    expect(table.code).toBe('invalid_input');
    expect(table.message).toBe(`Table ${JSON.stringify(HOSTILE)} is not in the live schema of system test`);
    const column = await refusal(
      connector.select({
        table: 'people',
        columns: [HOSTILE],
        key: ['id'],
        anyOf: [[{ column: 'id', equals: [1] }]],
        limit: 1,
      }),
    );
    expect(column.message).toBe(`Column ${JSON.stringify(HOSTILE)} is not in table people of system test`);
    const where = await refusal(
      connector.select({
        table: 'people',
        columns: ['id'],
        key: ['id'],
        anyOf: [[{ column: `id = 1 OR 1=1; --`, equals: [1] }]],
        limit: 1,
      }),
    );
    expect(where.code).toBe('invalid_input');
    const change = await refusal(
      connector.apply([{ table: 'people', key: { id: 1 }, action: 'update', set: { [HOSTILE]: 'x' } }]),
    );
    expect(change.code).toBe('invalid_input');
    expect(await refusal(connector.sample(HOSTILE, 1))).toMatchObject({ code: 'invalid_input' });
    expect((await connector.describe()).tables.map((t) => t.name)).toContain('people');
    expect(await connector.sample('people', 10)).toHaveLength(5);
  });

  it('refuses an empty group of conditions, which would match everyone', async () => {
    const error = await refusal(
      connector.select({ table: 'people', columns: ['id'], key: ['id'], anyOf: [[]], limit: 10 }),
    );
    expect(error.message).toBe(
      'A select on people has an empty group of conditions, which would match every row',
    );
  });

  it('applies updates and deletes together, counting the rows each touched', async () => {
    const result = await connector.apply([
      {
        table: 'people',
        key: { id: 4 },
        action: 'update',
        set: { email: 'dan.new@example.org', notes: null },
      },
      { table: 'people', key: { id: 5 }, action: 'delete' },
      { table: 'people', key: { id: 99 }, action: 'delete' },
    ]);
    expect(result.affected).toEqual([1, 1, 0]);
    const rows = await connector.sample('people', 10);
    expect(ids(rows)).toEqual(['1', '2', '3', '4']);
    expect(rows.find((r) => String(r['id']) === '4')?.['email']).toBe('dan.new@example.org');
    // The other rows, free text with quotes and line breaks included, are as they were.
    expect(rows.find((r) => String(r['id']) === '1')?.['notes']).toBe(
      'Called on Monday, said "fine"\nsecond line',
    );
  });

  it('rolls every change back when one fails', async () => {
    const failing: RowChange =
      kind === 'files'
        ? // Files have no constraints; a key that names two rows fails the batch instead.
          {
            table: 'people',
            key: { surname: 'Smith', active: 'true' },
            action: 'update' as const,
            set: { surname: 'X' },
          }
        : { table: 'people', key: { id: 2 }, action: 'update' as const, set: { email: null } };
    if (kind === 'files')
      await connector.apply([
        { table: 'people', key: { id: 3 }, action: 'update', set: { surname: 'Smith' } },
      ]);
    const before = await connector.sample('people', 10);
    const error = await refusal(
      connector.apply([
        { table: 'people', key: { id: 1 }, action: 'update', set: { email: 'changed@example.org' } },
        { table: 'people', key: { id: 4 }, action: 'delete' },
        failing,
      ]),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).not.toMatch(/example\.org/);
    expect(await connector.sample('people', 10)).toEqual(before);
  });

  it('refuses a change whose key names several rows, changing nothing', async () => {
    const before = await connector.sample('people', 10);
    const error = await refusal(
      connector.apply([
        {
          table: 'people',
          key: { active: kind === 'files' ? 'true' : 1 },
          action: 'update',
          set: { notes: 'x' },
        },
      ]),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(
      /^System test: a change to people would touch \d rows, but its key should name one; nothing was changed/,
    );
    expect(await connector.sample('people', 10)).toEqual(before);
  });
});

describe('the sqlite connector leaves the database as it found it', () => {
  it('keeps its WAL journal mode, and never creates a missing file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-sqlite-'));
    try {
      const file = path.join(dir, 'notes.sqlite');
      const db = new SqliteDatabase(file);
      db.pragma('journal_mode = WAL');
      db.exec('create table t (id integer primary key, v text)');
      db.close();
      const connector = createConnector(
        { kind: 'sqlite', path: 'notes.sqlite' },
        { env: {}, baseDir: dir, system: 'notes' },
      );
      await connector.apply([{ table: 't', key: { id: 1 }, action: 'delete' }]);
      await connector.close();
      const after = new SqliteDatabase(file, { readonly: true });
      expect(after.pragma('journal_mode', { simple: true })).toBe('wal');
      after.close();

      const missing = createConnector(
        { kind: 'sqlite', path: 'nowhere.sqlite' },
        { env: {}, baseDir: dir, system: 'notes' },
      );
      const error = await refusal(missing.ping());
      expect(error.code).toBe('store_unavailable');
      expect(error.message).toBe(
        `System notes did not answer: there is no database file at ${path.join(dir, 'nowhere.sqlite')}`,
      );
      expect(fs.existsSync(path.join(dir, 'nowhere.sqlite'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the files connector', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-files-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rewrites a workbook in place, keeping its dates, and leaves no temporary file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Survey');
    sheet.addRow(['response_id', 'submitted_on', 'email']);
    sheet.addRow(['R1', new Date(Date.UTC(2025, 0, 31)), 'a@example.org']);
    sheet.addRow(['R2', new Date(Date.UTC(2025, 1, 1)), 'b@example.org']);
    sheet.addRow(['R3', new Date(Date.UTC(2025, 1, 2)), 'c@example.org']);
    await workbook.xlsx.writeFile(path.join(dir, 'survey.xlsx'));
    const connector = createConnector(
      { kind: 'files', folder: '.' },
      { env: {}, baseDir: dir, system: 'sheets' },
    );
    const schema = await connector.describe();
    expect(schema.tables[0]?.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'response_id:text',
      'submitted_on:date',
      'email:text',
    ]);
    expect(
      await connector.apply([
        { table: 'survey', key: { response_id: 'R1' }, action: 'delete' },
        {
          table: 'survey',
          key: { response_id: 'R3' },
          action: 'update',
          set: { email: null, submitted_on: '2025-03-01' },
        },
      ]),
    ).toEqual({ affected: [1, 1] });
    expect(await connector.sample('survey', 10)).toEqual([
      { response_id: 'R2', submitted_on: '2025-02-01', email: 'b@example.org' },
      { response_id: 'R3', submitted_on: '2025-03-01', email: null },
    ]);
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.readFile(path.join(dir, 'survey.xlsx'));
    expect(reread.worksheets[0]?.getRow(3).getCell(2).value).toBeInstanceOf(Date);
    expect(fs.readdirSync(dir)).toEqual(['survey.xlsx']);
    await connector.close();
  });

  it('refuses a CSV file whose quoted field is never closed, naming the file', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'broken-'));
    fs.writeFileSync(path.join(folder, 'bad.csv'), 'id,notes\n1,"never closed\n2,x\n');
    const connector = createConnector({ kind: 'files', folder }, { env: {}, baseDir: dir, system: 'sheets' });
    const error = await refusal(connector.describe());
    expect(error.message).toBe(
      'System sheets: bad.csv cannot be read: a quoted field opened at line 2 is never closed',
    );
  });

  it('says when its folder is missing', async () => {
    const connector = createConnector(
      { kind: 'files', folder: 'gone' },
      { env: {}, baseDir: dir, system: 'sheets' },
    );
    const error = await refusal(connector.ping());
    expect(error).toMatchObject({
      code: 'store_unavailable',
      message: `System sheets did not answer: there is no folder at ${path.join(dir, 'gone')}`,
    });
  });
});
