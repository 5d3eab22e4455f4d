import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import ExcelJS from 'exceljs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { ANNOTATIONS, CRM_URL_ENV, HOUSING_URL_ENV } from '../demo/annotation-files.ts';
import { DEMO_PATHS } from '../demo/demo-files.ts';
import { readGenerateOptions, readPlace } from '../demo/demo-options.ts';
import { dropDemo, generateDemo } from '../demo/generate-demo.ts';
import {
  SYSTEM_IDS,
  type CanonicalIdentity,
  type GroundTruthLine,
  type HardCase,
  type SystemId,
} from '../demo/ground-truth.ts';
import { parseCsv } from '../systems/csv.ts';

/**
 * Test helpers for the synthetic organisation (`src/demo/`): a demo generated under a unique name
 * and dropped after, its ground truth read as a caseworker's knowledge of who is who, and its four
 * systems read directly (pg, mysql2, better-sqlite3, the spreadsheet files), not through
 * Custodian's connectors, so that what the actions did is checked independently of them.
 */

export type Cell = string | number | boolean | Date | null;
export type SystemRow = Record<string, Cell>;

export interface SyntheticDemo {
  dir: string;
  name: string;
  registerDir: string;
  systemsDir: string;
  /** The variables of `.env.demo`: the two databases' URLs, named as the annotations name them. */
  env: Record<string, string>;
  truth: GroundTruthLine[];
}

/** Generates a demo of `people` people in a new temporary folder, with the generator called directly. */
export async function generateSyntheticDemo(input: {
  name: string;
  people: number;
  seed: number;
  postgresUrl: string;
  mysqlUrl: string;
}): Promise<SyntheticDemo> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-synthetic-'));
  const options = readGenerateOptions({
    name: input.name,
    out: dir,
    people: String(input.people),
    seed: String(input.seed),
    postgresUrl: input.postgresUrl,
    mysqlUrl: input.mysqlUrl,
  });
  try {
    await generateDemo(options);
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  const env = parseEnvFile(await fs.readFile(path.join(dir, DEMO_PATHS.env), 'utf8'));
  const truth = (await fs.readFile(path.join(dir, DEMO_PATHS.groundTruth), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as GroundTruthLine);
  return {
    dir,
    name: input.name,
    registerDir: path.join(dir, DEMO_PATHS.register),
    systemsDir: path.join(dir, DEMO_PATHS.systems),
    env,
    truth,
  };
}

/** Drops the demo's two databases and removes its folder; safe to call for a demo only partly made. */
export async function dropSyntheticDemo(input: {
  dir: string;
  name: string;
  postgresUrl: string;
  mysqlUrl: string;
}): Promise<void> {
  try {
    await dropDemo(
      readPlace({
        out: input.dir,
        name: input.name,
        postgresUrl: input.postgresUrl,
        mysqlUrl: input.mysqlUrl,
      }),
    );
  } finally {
    await fs.rm(input.dir, { recursive: true, force: true });
  }
}

function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) env[match[1]] = match[2];
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// The ground truth

/** A row named by system, table and key, in one form whatever the key's type (5 or "5"). */
export function rowId(row: {
  system: string;
  table: string;
  key: Readonly<Record<string, unknown>>;
}): string {
  const key = Object.entries(row.key)
    .map(([column, value]) => `${column}=${String(value)}`)
    .join(',');
  return `${row.system}/${row.table}/${key}`;
}

/** The person's own rows (not rows about someone else that mention them), by row id. */
export function ownRecords(line: GroundTruthLine): Map<string, GroundTruthLine['records'][number]> {
  return new Map(line.records.filter((r) => r.mentioned !== true).map((r) => [rowId(r), r]));
}

/** Who each row belongs to, and who it mentions in free text, by row id. */
export interface RowOwners {
  owners(id: string): readonly string[];
  mentioned(id: string): readonly string[];
}

export function rowOwners(truth: readonly GroundTruthLine[]): RowOwners {
  const owners = new Map<string, string[]>();
  const mentioned = new Map<string, string[]>();
  for (const line of truth)
    for (const record of line.records) {
      const map = record.mentioned === true ? mentioned : owners;
      const id = rowId(record);
      map.set(id, [...(map.get(id) ?? []), line.id]);
    }
  return {
    owners: (id) => owners.get(id) ?? [],
    mentioned: (id) => mentioned.get(id) ?? [],
  };
}

/** The hard cases that make a person hard to find, best first. */
const HARDEST: readonly HardCase[] = ['nickname', 'name-change', 'phone-variant', 'typo', 'email-variant'];

/**
 * A person whose own records are in all four systems and who has an email address to correct,
 * preferring one whose records show the hard cases (a nickname, a changed surname, a phone
 * written another way): the more of them, the better; ties by id, so the choice is stable.
 */
export function choosePerson(truth: readonly GroundTruthLine[]): GroundTruthLine {
  const shown = (line: GroundTruthLine) =>
    new Set(line.records.filter((r) => r.mentioned !== true).flatMap((r) => r.variants ?? []));
  const candidates = truth
    .filter((line) => {
      const systems = new Set(line.records.filter((r) => r.mentioned !== true).map((r) => r.system));
      return SYSTEM_IDS.every((s) => systems.has(s)) && line.identity.email !== null;
    })
    .map((line) => ({ line, hard: HARDEST.filter((kind) => shown(line).has(kind)).length }))
    .sort((a, b) => b.hard - a.hard || a.line.id.localeCompare(b.line.id));
  const chosen = candidates[0];
  if (chosen === undefined || chosen.hard === 0)
    throw new Error('The demo holds nobody in all four systems with a hard case: generate more people');
  return chosen.line;
}

/** A date of birth as the privacy centre writes it under a request: `11 May 1976`. */
export function longDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** What the person would tell the organisation when asking: name, email, phone, address and date of birth. */
export function requestFrom(identity: CanonicalIdentity, rights: readonly string[], receivedOn: string) {
  const phone = identity.phone ?? identity.landline;
  return {
    rights: [...rights],
    channel: 'email',
    receivedOn,
    wording: `I would like a copy of everything you hold about me, the old email address corrected, and then all of it erased.\n\nDate of birth: ${longDate(identity.date_of_birth)}`,
    person: {
      name: `${identity.given_name} ${identity.family_name}`,
      ...(identity.email === null ? {} : { email: identity.email }),
      ...(phone === null ? {} : { phone }),
      address: `${identity.address} ${identity.postcode}`,
    },
  };
}

/** The annotated tables of a system, and the key column of each (every demo table has one). */
export function tablesOf(system: SystemId): { table: string; key: string }[] {
  return Object.entries(ANNOTATIONS[system].tables).map(([table, annotation]) => ({
    table,
    key: annotation.key[0] ?? '',
  }));
}

export function annotatedTable(system: SystemId, table: string) {
  const annotation = ANNOTATIONS[system].tables[table];
  if (annotation === undefined) throw new Error(`${system}/${table} is not annotated`);
  return annotation;
}

// ---------------------------------------------------------------------------------------------
// The four systems, read directly

const SPREADSHEET_FILE: Record<string, string> = {
  'event-signups': 'event-signups.csv',
  'tenant-survey-2025': 'tenant-survey-2025.xlsx',
};

function excelValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return excelValue(value.result);
  return null;
}

/** The demo's systems, each reached with its own driver. */
export class DirectSystems {
  private constructor(
    private readonly housing: pg.Client,
    private readonly crm: mysql.Connection,
    private readonly dir: string,
  ) {}

  static async open(demo: SyntheticDemo): Promise<DirectSystems> {
    const housing = new pg.Client({ connectionString: demo.env[HOUSING_URL_ENV] });
    await housing.connect();
    try {
      const crm = await mysql.createConnection({ uri: demo.env[CRM_URL_ENV] ?? '', dateStrings: true });
      return new DirectSystems(housing, crm, demo.dir);
    } catch (error) {
      await housing.end();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.housing.end().catch(() => undefined);
    await this.crm.end().catch(() => undefined);
  }

  /** Every row of a table, as the system holds it. */
  async rows(system: SystemId, table: string): Promise<SystemRow[]> {
    switch (system) {
      case 'housing':
        return (await this.housing.query<SystemRow>(`select * from "${table}"`)).rows;
      case 'crm': {
        const [rows] = await this.crm.query<mysql.RowDataPacket[]>(`select * from \`${table}\``);
        return rows.map((row) => ({ ...row }));
      }
      case 'casenotes': {
        const db = new SqliteDatabase(path.join(this.dir, DEMO_PATHS.casenotes), { readonly: true });
        try {
          return db.prepare(`select * from "${table}"`).all() as SystemRow[];
        } finally {
          db.close();
        }
      }
      case 'spreadsheets':
        return this.sheetRows(table);
    }
  }

  private async sheetRows(table: string): Promise<SystemRow[]> {
    const file = path.join(this.dir, DEMO_PATHS.spreadsheets, SPREADSHEET_FILE[table] ?? `${table}.csv`);
    let records: Cell[][];
    if (file.endsWith('.csv')) {
      records = parseCsv(await fs.readFile(file, 'utf8')).records.map((r) =>
        r.map((v) => (v === '' ? null : v)),
      );
    } else {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      records = [];
      workbook.worksheets[0]?.eachRow({ includeEmpty: false }, (row) => {
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = excelValue(cell.value)));
        records.push(cells);
      });
    }
    const [header = [], ...body] = records;
    return body.map((values) =>
      Object.fromEntries(header.map((name, i) => [String(name), values[i] ?? null])),
    );
  }

  /** The rows of a table with these keys, by the key's text. */
  async rowsByKey(
    system: SystemId,
    table: string,
    keys: readonly unknown[],
  ): Promise<Map<string, SystemRow>> {
    const keyColumn = annotatedTable(system, table).key[0] ?? '';
    const wanted = new Set(keys.map(String));
    const found = new Map<string, SystemRow>();
    for (const row of await this.rows(system, table)) {
      const key = String(row[keyColumn]);
      if (wanted.has(key)) found.set(key, row);
    }
    return found;
  }

  /** The number of rows of every annotated table of every system, by `system/table`. */
  async counts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const system of SYSTEM_IDS)
      for (const { table } of tablesOf(system))
        counts[`${system}/${table}`] = (await this.rows(system, table)).length;
    return counts;
  }
}
