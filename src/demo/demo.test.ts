import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../cli/main.ts';
import { loadRegister } from '../register/load-register.ts';
import type { Register } from '../register/register-schema.ts';
import { TEST_POSTGRES_URL } from '../testing/test-store.ts';
import { HARD_CASES, SYSTEM_IDS, type GroundTruthLine, type SystemId } from './ground-truth.ts';

const MYSQL_URL = process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/';
const PEOPLE = 200;

/** Tables and their columns as the live systems report them, by system. */
type LiveSchema = Map<string, string[]>;

interface Manifest {
  people: number;
  seed: number;
  rows: number;
  systems: Record<SystemId, { tables: Record<string, number>; database?: string }>;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'custodian', 'demo', ...args], {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: {},
    now: () => new Date('2026-11-23T09:00:00Z'),
  });
  return { code, out, err };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

describe('custodian demo generate, on the real PostgreSQL and MariaDB', () => {
  const name = `custodian_demo_t${crypto.randomBytes(4).toString('hex')}`;
  let out: string;
  let manifest: Manifest;
  let truth: GroundTruthLine[];
  let truthText: string;
  let postgres: pg.Client;
  let maria: mysql.Connection;
  let sqlite: Database.Database;
  let generated: { code: number; out: string; err: string };

  beforeAll(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-demo-'));
    generated = await run(
      'generate',
      '--people',
      String(PEOPLE),
      '--out',
      out,
      '--name',
      name,
      '--seed',
      '42',
      '--postgres-url',
      TEST_POSTGRES_URL,
      '--mysql-url',
      MYSQL_URL,
    );
    if (generated.code !== 0) throw new Error(`generate failed: ${generated.err}`);
    manifest = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    truthText = await fs.readFile(path.join(out, 'ground-truth.jsonl'), 'utf8');
    truth = truthText
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as GroundTruthLine);
    postgres = new pg.Client({ connectionString: withDatabase(TEST_POSTGRES_URL, `${name}_housing`) });
    await postgres.connect();
    maria = await mysql.createConnection({ uri: withDatabase(MYSQL_URL, `${name}_crm`) });
    sqlite = new Database(path.join(out, 'casenotes.sqlite'), { readonly: true });
  });

  afterAll(async () => {
    sqlite.close();
    await postgres.end();
    await maria.end();
    const dropped = await run(
      'drop',
      '--name',
      name,
      '--out',
      out,
      '--postgres-url',
      TEST_POSTGRES_URL,
      '--mysql-url',
      MYSQL_URL,
    );
    expect(dropped.code).toBe(0);
    await fs.rm(out, { recursive: true, force: true });
  });

  // ---------------------------------------------------------------------------------------------
  // Reading the four systems back

  async function countRows(system: SystemId, table: string): Promise<number> {
    switch (system) {
      case 'housing': {
        const result = await postgres.query<{ n: string }>(`select count(*) as n from "${table}"`);
        return Number(result.rows[0]?.n);
      }
      case 'crm': {
        const [rows] = await maria.query<mysql.RowDataPacket[]>(`select count(*) as n from \`${table}\``);
        return Number(rows[0]?.['n']);
      }
      case 'casenotes':
        return (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
      case 'spreadsheets':
        return (await readSheet(table)).rows.length;
    }
  }

  async function readSheet(table: string): Promise<{ header: string[]; rows: string[][] }> {
    if (table === 'event-signups') {
      const lines = (await fs.readFile(path.join(out, 'spreadsheets', 'event-signups.csv'), 'utf8'))
        .trim()
        .split('\n');
      // No value in this file holds a line break; a quoted comma does not matter to the first column.
      return { header: (lines[0] ?? '').split(','), rows: lines.slice(1).map((line) => line.split(',')) };
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'spreadsheets', `${table}.xlsx`));
    expect(workbook.worksheets).toHaveLength(1);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((value) => String(value));
      rows.push(values);
    });
    return { header: rows[0] ?? [], rows: rows.slice(1) };
  }

  async function keysOf(system: SystemId, table: string, column: string): Promise<Set<string>> {
    switch (system) {
      case 'housing': {
        const result = await postgres.query<Record<string, unknown>>(
          `select "${column}" as k from "${table}"`,
        );
        return new Set(result.rows.map((row) => String(row['k'])));
      }
      case 'crm': {
        const [rows] = await maria.query<mysql.RowDataPacket[]>(
          `select \`${column}\` as k from \`${table}\``,
        );
        return new Set(rows.map((row) => String(row['k'])));
      }
      case 'casenotes':
        return new Set(
          (sqlite.prepare(`select "${column}" as k from "${table}"`).all() as { k: unknown }[]).map((row) =>
            String(row.k),
          ),
        );
      case 'spreadsheets': {
        const sheet = await readSheet(table);
        const index = sheet.header.indexOf(column);
        return new Set(sheet.rows.map((row) => row[index] ?? ''));
      }
    }
  }

  async function liveSchema(system: SystemId): Promise<LiveSchema> {
    const schema: LiveSchema = new Map();
    const add = (table: string, column: string) => schema.set(table, [...(schema.get(table) ?? []), column]);
    switch (system) {
      case 'housing': {
        const result = await postgres.query<{ t: string; c: string }>(
          "select table_name as t, column_name as c from information_schema.columns where table_schema = 'public' order by ordinal_position",
        );
        for (const row of result.rows) add(row.t, row.c);
        break;
      }
      case 'crm': {
        const [rows] = await maria.query<mysql.RowDataPacket[]>(
          'select table_name as t, column_name as c from information_schema.columns where table_schema = ? order by ordinal_position',
          [`${name}_crm`],
        );
        for (const row of rows) add(String(row['t']), String(row['c']));
        break;
      }
      case 'casenotes': {
        const tables = sqlite
          .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
          .all() as { name: string }[];
        for (const { name: table } of tables)
          for (const column of sqlite.prepare(`pragma table_info("${table}")`).all() as { name: string }[])
            add(table, column.name);
        break;
      }
      case 'spreadsheets':
        for (const table of ['event-signups', 'tenant-survey-2025'])
          for (const column of (await readSheet(table)).header) add(table, column);
        break;
    }
    return schema;
  }

  // ---------------------------------------------------------------------------------------------

  it('reports what it made and how to use it, without writing the URLs anywhere but .env.demo', async () => {
    expect(generated.out).toContain(`of ${String(PEOPLE)} people (seed 42)`);
    expect(generated.out).toContain(`. ${path.join(out, '.env.demo')}`);
    expect(generated.err).toContain(`${String(PEOPLE)} of ${String(PEOPLE)} people (100%)`);
    const env = await fs.readFile(path.join(out, '.env.demo'), 'utf8');
    expect(env).toContain(`DEMO_HOUSING_DATABASE_URL=${withDatabase(TEST_POSTGRES_URL, `${name}_housing`)}`);
    expect(env).toContain(`DEMO_CRM_DATABASE_URL=${withDatabase(MYSQL_URL, `${name}_crm`)}`);
    for (const system of SYSTEM_IDS) {
      const annotation = await fs.readFile(path.join(out, 'systems', `${system}.yaml`), 'utf8');
      expect(annotation).not.toContain('postgres://');
      expect(annotation).not.toContain('mysql://');
    }
    expect(generated.out).not.toContain('postgres://');
  });

  it('holds as many rows in each table as the manifest says', async () => {
    expect(manifest.people).toBe(PEOPLE);
    expect(manifest.seed).toBe(42);
    let total = 0;
    for (const system of SYSTEM_IDS) {
      for (const [table, expected] of Object.entries(manifest.systems[system].tables)) {
        expect(expected, `${system}.${table}`).toBeGreaterThan(0);
        expect(await countRows(system, table), `${system}.${table}`).toBe(expected);
        total += expected;
      }
    }
    expect(manifest.rows).toBe(total);
  });

  it('writes one ground-truth line per person, and every key it names exists in its system', async () => {
    expect(truth).toHaveLength(PEOPLE);
    const wanted = new Map<string, { system: SystemId; table: string; column: string; keys: Set<string> }>();
    for (const line of truth) {
      for (const record of line.records) {
        const [column, ...more] = Object.keys(record.key);
        expect(more).toEqual([]);
        const id = `${record.system}.${record.table}`;
        const entry = wanted.get(id) ?? {
          system: record.system,
          table: record.table,
          column: column!,
          keys: new Set(),
        };
        entry.keys.add(String(record.key[column!]));
        wanted.set(id, entry);
      }
    }
    expect([...wanted.keys()].sort()).toEqual(
      SYSTEM_IDS.flatMap((system) =>
        Object.keys(manifest.systems[system].tables).map((t) => `${system}.${t}`),
      )
        .filter((id) => id !== 'housing.properties')
        .sort(),
    );
    for (const { system, table, column, keys } of wanted.values()) {
      const present = await keysOf(system, table, column);
      for (const key of keys) expect(present.has(key), `${system}.${table} ${column}=${key}`).toBe(true);
    }
  });

  it('shows every hard case, and the records say what the systems really hold', async () => {
    const kinds = new Set(truth.flatMap((line) => line.kinds));
    for (const kind of HARD_CASES) expect(kinds, kind).toContain(kind);

    const tenants = await postgres.query<{
      tenant_id: number;
      surname: string;
      date_of_birth: string | null;
    }>("select tenant_id, surname, to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth from tenants");
    const [contacts] = await maria.query<mysql.RowDataPacket[]>(
      'select contact_id, last_name, dob from contacts',
    );
    const tenantById = new Map(tenants.rows.map((row) => [row.tenant_id, row]));
    const contactById = new Map(contacts.map((row) => [Number(row['contact_id']), row]));
    let checked = 0;
    for (const line of truth) {
      const { identity } = line;
      for (const record of line.records) {
        const variants = record.variants ?? [];
        if (record.system === 'housing' && record.table === 'tenants') {
          const row = tenantById.get(Number(record.key['tenant_id']))!;
          if (variants.includes('placeholder-dob')) expect(row.date_of_birth).toBe('1900-01-01');
          if (variants.includes('dob-day-month-swapped')) {
            const [y, m, d] = identity.date_of_birth.split('-');
            expect(row.date_of_birth).toBe(`${y!}-${d!}-${m!}`);
          }
          if (variants.length === 0) expect(row.surname).toBe(identity.family_name);
          checked++;
        }
        if (record.system === 'crm' && record.table === 'contacts') {
          const row = contactById.get(Number(record.key['contact_id']))!;
          if (variants.includes('placeholder-dob')) expect(row['dob']).toBe('01/01/1900');
          if (variants.includes('name-change'))
            expect(String(row['last_name']).toLowerCase()).not.toBe(identity.family_name.toLowerCase());
          if (variants.length === 0)
            expect(String(row['last_name']).toLowerCase()).toBe(identity.family_name.toLowerCase());
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(PEOPLE / 2);
  });

  it('writes a register that the register loader finds valid, without warnings', async () => {
    const loaded = await loadRegister(path.join(out, 'register'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.register?.systems.map((system) => system.id).sort()).toEqual([...SYSTEM_IDS].sort());
  });

  it('writes annotations that parse and name only tables and columns that exist, every column of them', async () => {
    const register = (await loadRegister(path.join(out, 'register'))).register as Register;
    const categories = new Set(register.data_categories.map((category) => category.id));
    const activities = new Set(register.activities.map((activity) => activity.id));
    const env = await fs.readFile(path.join(out, '.env.demo'), 'utf8');
    const erasures = [null, 'delete-row', 'null', 'mask', 'hash', 'redact', 'keep'];
    const identifies = [
      'email',
      'phone',
      'given_name',
      'family_name',
      'full_name',
      'date_of_birth',
      'postcode',
      'address_line',
      'ni_number',
      'nhs_number',
      'reference',
    ];
    for (const system of SYSTEM_IDS) {
      const file = path.join(out, 'systems', `${system}.yaml`);
      const annotation = parseYaml(await fs.readFile(file, 'utf8')) as {
        system: string;
        connection: { kind: string; url_env?: string; path?: string; folder?: string };
        tables: Record<
          string,
          {
            key: string[];
            activity: string;
            retention_from?: string;
            restriction_flag?: string;
            columns: Record<string, Record<string, unknown>>;
            references?: { to: string; columns: Record<string, string> }[];
          }
        >;
      };
      expect(annotation.system).toBe(system);
      if (annotation.connection.url_env !== undefined)
        expect(env).toContain(`${annotation.connection.url_env}=`);
      const relative = annotation.connection.path ?? annotation.connection.folder;
      if (relative !== undefined) {
        expect(path.isAbsolute(relative)).toBe(false);
        await fs.access(path.resolve(path.dirname(file), relative));
      }
      const live = await liveSchema(system);
      expect(Object.keys(annotation.tables).sort()).toEqual([...live.keys()].sort());
      for (const [table, spec] of Object.entries(annotation.tables)) {
        const where = `${system}.${table}`;
        const columns = live.get(table)!;
        expect(Object.keys(spec.columns).sort(), where).toEqual([...columns].sort());
        for (const column of [...spec.key, spec.retention_from, spec.restriction_flag])
          if (column !== undefined) expect(columns, where).toContain(column);
        expect(activities, where).toContain(spec.activity);
        for (const [column, fields] of Object.entries(spec.columns)) {
          if (fields['category'] !== undefined)
            expect(categories, `${where}.${column}`).toContain(fields['category']);
          if (fields['identifies'] !== undefined) expect(identifies).toContain(fields['identifies']);
          if ('erasure' in fields) expect(erasures).toContain(fields['erasure']);
          if (fields['erasure'] === 'keep') expect(fields['reason'], `${where}.${column}`).toBeTruthy();
        }
        for (const reference of spec.references ?? []) {
          const target = live.get(reference.to);
          expect(target, `${where} → ${reference.to}`).toBeDefined();
          for (const [from, to] of Object.entries(reference.columns)) {
            expect(columns).toContain(from);
            expect(target).toContain(to);
          }
        }
      }
    }
  });

  it('refuses to overwrite the demo without --force, and leaves it as it was', async () => {
    const again = await run(
      'generate',
      '--people',
      '10',
      '--out',
      out,
      '--name',
      name,
      '--postgres-url',
      TEST_POSTGRES_URL,
      '--mysql-url',
      MYSQL_URL,
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain(`a demo named ${name} already exists`);
    expect(again.err).toContain('--force');
    expect(await fs.readFile(path.join(out, 'ground-truth.jsonl'), 'utf8')).toBe(truthText);
    expect(await countRows('housing', 'tenants')).toBe(manifest.systems.housing.tables['tenants']);
  });

  it('makes the same organisation again from the same seed (--force replaces the old one)', async () => {
    await postgres.end();
    await maria.end();
    sqlite.close();
    const again = await run(
      'generate',
      '--people',
      String(PEOPLE),
      '--out',
      out,
      '--name',
      name,
      '--seed',
      '42',
      '--force',
      '--postgres-url',
      TEST_POSTGRES_URL,
      '--mysql-url',
      MYSQL_URL,
    );
    expect(again.code, again.err).toBe(0);
    expect(again.err).toContain('replacing the existing demo');
    expect(await fs.readFile(path.join(out, 'ground-truth.jsonl'), 'utf8')).toBe(truthText);
    expect(JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8'))).toEqual(manifest);
    postgres = new pg.Client({ connectionString: withDatabase(TEST_POSTGRES_URL, `${name}_housing`) });
    await postgres.connect();
    maria = await mysql.createConnection({ uri: withDatabase(MYSQL_URL, `${name}_crm`) });
    sqlite = new Database(path.join(out, 'casenotes.sqlite'), { readonly: true });
    expect(await countRows('crm', 'calls')).toBe(manifest.systems.crm.tables['calls']);
  });
});

describe('custodian demo drop', () => {
  it('removes the databases and the files, and only those, of the demo the folder holds', async () => {
    const name = `custodian_demo_t${crypto.randomBytes(4).toString('hex')}`;
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-demo-'));
    const servers = ['--postgres-url', TEST_POSTGRES_URL, '--mysql-url', MYSQL_URL];
    try {
      await fs.writeFile(path.join(out, 'notes.txt'), 'mine');
      expect((await run('generate', '--people', '5', '--out', out, '--name', name, ...servers)).code).toBe(0);
      const other = `${name}_other`;
      const wrongName = await run('drop', '--name', other, '--out', out, ...servers);
      expect(wrongName.code).toBe(1);
      expect(wrongName.err).toContain(`holds the demo named ${name}, not ${other}`);
      const wrongForce = await run(
        'generate',
        '--people',
        '5',
        '--out',
        out,
        '--name',
        other,
        '--force',
        ...servers,
      );
      expect(wrongForce.code).toBe(1);
      expect(wrongForce.err).toContain(`holds the demo named ${name}`);
      // Without --name, drop takes the name from the folder's manifest.
      const dropped = await run('drop', '--out', out, ...servers);
      expect(dropped.code).toBe(0);
      expect(dropped.out).toContain(`${name}_housing on PostgreSQL`);
      expect(dropped.out).toContain(`${name}_crm on MariaDB`);
      expect((await fs.readdir(out)).sort()).toEqual(['notes.txt']);
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      const left = await admin.query('select 1 from pg_database where datname = $1', [`${name}_housing`]);
      await admin.end();
      expect(left.rowCount).toBe(0);
      const maria = await mysql.createConnection({ uri: MYSQL_URL });
      const [schemas] = await maria.query<mysql.RowDataPacket[]>(
        'select schema_name from information_schema.schemata where schema_name = ?',
        [`${name}_crm`],
      );
      await maria.end();
      expect(schemas).toHaveLength(0);
      const nothing = await run('drop', '--name', name, '--out', out, ...servers);
      expect(nothing.code).toBe(0);
      expect(nothing.out).toContain('nothing removed');
    } finally {
      await run('drop', '--name', name, '--out', out, ...servers);
      await fs.rm(out, { recursive: true, force: true });
    }
  });
});
