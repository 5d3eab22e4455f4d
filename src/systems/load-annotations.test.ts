import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadRegister } from '../register/load-register.ts';
import type { Register } from '../register/register-schema.ts';
import { loadAnnotations } from './load-annotations.ts';

const TESTDATA = path.join(import.meta.dirname, 'testdata');
const SYSTEMS_DIR = path.join(TESTDATA, 'systems');

/** An annotation with a problem on most of its lines. */
const BROKEN = `system: crn
connection:
  kind: mysql
  url_env: CRM_URL
  path: ../x.sqlite
tables:
  contacts:
    key: [contact_id, missing_key]
    activity: customer-contact
    retention_from: created
    restriction_flag: restricted
    columns:
      contact_id: { erasure: keep }
      email: { category: contact-detail, identifies: email, erasure: null }
      notes: { erasure: redact, reference_kind: case }
      phone: { catgory: contact-details, identifies: phnoe }
    references:
      - to: callz
        columns: { contact_id: contact_id }
      - to: contacts
        columns: { contact_idd: nothing }
`;

describe('loading dataset annotations', () => {
  let register: Register;
  const temporary: string[] = [];

  beforeAll(async () => {
    const loaded = await loadRegister(path.join(TESTDATA, 'register'));
    expect(loaded.problems).toEqual([]);
    register = loaded.register!;
  });
  afterEach(async () => {
    await Promise.all(temporary.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });

  async function folder(files: Record<string, string>): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-annotations-'));
    temporary.push(dir);
    for (const [file, text] of Object.entries(files)) await fs.writeFile(path.join(dir, file), text);
    return dir;
  }

  it('reads valid annotations with their defaults and where each part was written', async () => {
    const loaded = await loadAnnotations(SYSTEMS_DIR, register);
    expect(loaded.problems).toEqual([]);
    expect(loaded.files).toEqual(['casenotes.yaml', 'housing.yaml', 'spreadsheets.yaml']);
    const housing = loaded.annotations.find((a) => a.system === 'housing')!;
    expect(housing.baseDir).toBe(SYSTEMS_DIR);
    expect(housing.connection).toEqual({ kind: 'postgres', url_env: 'TEST_HOUSING_URL' });
    const tenants = housing.tables['tenants']!;
    expect(tenants.person).toBe('subject');
    expect(tenants.references).toEqual([{ to: 'rent_accounts', columns: { tenant_id: 'tenant_id' } }]);
    // `erasure: null` in YAML is the null action, as ANNOTATIONS.md writes it.
    expect(tenants.columns['dob']).toEqual({
      category: 'date-of-birth',
      identifies: 'date_of_birth',
      erasure: 'null',
      free_text: false,
      provided: false,
    });
    const cases = loaded.annotations.find((a) => a.system === 'casenotes')!.tables['cases']!;
    expect(cases.columns['subject_name']).toMatchObject({ erasure: 'keep', reason: 'not annotated' });
    expect(housing.locations['tables/tenants/columns/dob']).toBe('housing.yaml:15');
  });

  it('reports every problem at once, at its file and line, with a hint', async () => {
    const dir = await folder({
      'crm.yaml': BROKEN,
      'spreadsheets.yaml': 'system: spreadsheets\nconnection: { kind: files, folder: x }\ntables: {}\n',
    });
    const loaded = await loadAnnotations(dir, register);
    expect(
      loaded.problems.map((p) => `${p.where}: ${p.severity ?? ''}: ${p.message} (${p.hint ?? ''})`),
    ).toEqual([
      'crm.yaml:1: warning: the file is named crm.yaml but describes system "crn" (name the file crn.yaml, so that each system is found by its name)',
      'crm.yaml:1: error: system "crn" is not in the register (use one of the register\'s systems: housing, casenotes, spreadsheets)',
      'crm.yaml:5: error: path does not apply to a mysql connection (a mysql connection takes url_env or url_file)',
      'crm.yaml:8: error: contacts.key names column "missing_key", which is not among the table\'s columns (add missing_key: to the columns of contacts, or name a column listed there)',
      'crm.yaml:9: error: contacts.activity "customer-contact" is not an activity of the register (use one of the register\'s activities: tenancy-management)',
      'crm.yaml:10: error: contacts.retention_from names column "created", which is not among the table\'s columns (add created: to the columns of contacts, or name a column listed there)',
      'crm.yaml:11: error: contacts.restriction_flag names column "restricted", which is not among the table\'s columns (add restricted: to the columns of contacts, or name a column listed there)',
      'crm.yaml:13: error: contacts.contact_id is kept on erasure without a reason (add reason: legal-obligation, legal-hold, contract, suppression, or say why in words)',
      'crm.yaml:14: error: contacts.email: data category "contact-detail" is not in the register or the built-in taxonomy (did you mean "contact-details"?)',
      'crm.yaml:15: error: contacts.notes has a reference_kind but does not identify a reference (add identifies: reference, or remove reference_kind)',
      'crm.yaml:15: warning: contacts.notes is redacted on erasure but is not marked as free text (add free_text: true (redaction finds the person in text that may mention others), or choose another erasure)',
      'crm.yaml:16: error: unknown key "catgory" in tables.contacts.columns.phone (did you mean "category"?)',
      'crm.yaml:16: error: tables.contacts.columns.phone.identifies: "phnoe" is not one of the values allowed (did you mean "phone"?)',
      'crm.yaml:18: error: contacts.references names table "callz", which this file does not annotate (annotate callz under tables:, or name one of contacts)',
      'crm.yaml:21: error: contacts.references to contacts names "contact_idd", which is not a column of contacts (did you mean "contact_id"?)',
      'crm.yaml:21: error: contacts.references to contacts names "nothing", which is not a column of contacts (the columns on the right are those of contacts)',
    ]);
    expect(loaded.annotations.map((a) => a.system)).toEqual(['spreadsheets']);
    expect(loaded.invalid).toEqual([{ file: 'crm.yaml', system: 'crn' }]);
  });

  it('explains that a connection URL never goes in an annotation', async () => {
    const dir = await folder({
      'housing.yaml':
        'system: housing\nconnection:\n  kind: postgres\n  url: postgres://admin:hunter2@db/housing\ntables: {}\n',
    });
    const loaded = await loadAnnotations(dir, register);
    expect(loaded.problems).toEqual([
      {
        where: 'housing.yaml:3',
        message: 'a postgres connection needs url_env or url_file',
        hint: 'give one of url_env or url_file',
        severity: 'error',
      },
      {
        where: 'housing.yaml:4',
        message: 'unknown key "url" in connection',
        hint: 'an annotation never holds a connection URL: put it in an environment variable (url_env) or a secret file (url_file)',
        severity: 'error',
      },
    ]);
    expect(JSON.stringify(loaded)).not.toContain('hunter2');
  });

  it('finds a system annotated twice, YAML that does not parse, and a category outside the activity', async () => {
    const dir = await folder({
      'housing.yaml':
        'system: housing\nconnection: { kind: sqlite, path: h.sqlite }\ntables:\n  t:\n    key: [id]\n    activity: tenancy-management\n    columns:\n      id: { erasure: delete-row }\n      beliefs: { category: religious-philosophical-beliefs }\n',
      'housing-copy.yaml': 'system: housing\nconnection: { kind: sqlite, path: h.sqlite }\ntables: {}\n',
      'zz.yaml': 'system: [\n',
    });
    const loaded = await loadAnnotations(dir, register);
    expect(loaded.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'housing-copy.yaml:1: the file is named housing-copy.yaml but describes system "housing"',
      'housing.yaml:1: system "housing" is annotated twice; the first is housing-copy.yaml',
      'housing.yaml:9: t.beliefs holds "religious-philosophical-beliefs", which activity "tenancy-management" does not list among its data categories',
      'zz.yaml:2: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(loaded.annotations.map((a) => a.file)).toEqual(['housing-copy.yaml']);
  });

  it('says when there is no register to check against, no annotation, or no folder', async () => {
    const withoutRegister = await loadAnnotations(SYSTEMS_DIR, undefined);
    expect(withoutRegister.annotations).toHaveLength(3);
    expect(withoutRegister.problems).toEqual([
      {
        where: SYSTEMS_DIR,
        message: 'no register to check against: systems, activities and data categories were not checked',
        hint: 'import a register (custodian register import DIR) or name one with --register DIR',
        severity: 'warning',
      },
    ]);
    const empty = await folder({});
    expect((await loadAnnotations(empty, register)).problems).toMatchObject([
      {
        where: empty,
        message: 'the folder holds no annotation files (*.yaml or *.yml)',
        severity: 'warning',
      },
    ]);
    const missing = path.join(empty, 'nowhere');
    expect((await loadAnnotations(missing, register)).problems).toMatchObject([
      { where: missing, message: 'the systems folder does not exist', severity: 'error' },
    ]);
  });
});
