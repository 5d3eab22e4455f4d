import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestOf } from '../audit/audit-chain.ts';
import { createAuditService, type AuditService } from '../audit/audit-service.ts';
import { loadConfig } from '../config/config.ts';
import { AppError } from '../errors/app-error.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { contentHash } from './content-hash.ts';
import { loadRegister } from './load-register.ts';
import { createRegisterService, type RegisterService } from './register-service.ts';

const VALID_DIR = path.join(import.meta.dirname, 'testdata', 'valid');

describe(`the register service on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let audit: AuditService;
  let service: RegisterService;
  let copies: string[];
  let clock: number;

  beforeEach(async () => {
    store = await createTestStore();
    clock = Date.UTC(2026, 0, 5, 9, 0, 0);
    const now = () => new Date(clock);
    audit = createAuditService({ store, now });
    service = createRegisterService({ config: loadConfig({ NODE_ENV: 'test' }), store, now, audit });
    copies = [];
  });
  afterEach(async () => {
    await store.close();
    await Promise.all(copies.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });

  /** A copy of the valid test register with `edit` applied to one of its files. */
  async function editedCopy(file: string, edit: (text: string) => string): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-register-'));
    copies.push(dir);
    await fs.cp(VALID_DIR, dir, { recursive: true });
    const target = path.join(dir, file);
    await fs.writeFile(target, edit(await fs.readFile(target, 'utf8')));
    return dir;
  }

  it('has no current register before an import, and says how to import one', async () => {
    expect(await service.findCurrent()).toBeUndefined();
    expect(await service.listVersions()).toEqual([]);
    await expect(service.getCurrentRegister()).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('custodian register import DIR') as string,
    });
  });

  it('stores a valid register as version 1 with its hash, source and importer', async () => {
    const result = await service.importFromDir(VALID_DIR, 'cli');
    const { register } = await loadRegister(VALID_DIR);
    expect(result).toEqual({
      version: 1,
      contentHash: contentHash(register),
      unchanged: false,
      warnings: [],
    });
    const current = await service.findCurrent();
    expect(current).toMatchObject({
      version: 1,
      contentHash: contentHash(register),
      source: VALID_DIR,
      importedAt: '2026-01-05T09:00:00.000Z',
      importedBy: 'cli',
      warnings: [],
    });
    expect(current?.register).toEqual(register);
    expect(await service.getCurrentRegister()).toEqual(register);
  });

  it('writes an audit entry in the same transaction as the version', async () => {
    await service.importFromDir(VALID_DIR, 'cli');
    const [entry] = await audit.list({ entityType: 'register' });
    const { register } = await loadRegister(VALID_DIR);
    expect(entry).toMatchObject({
      actor: 'cli',
      action: 'register.imported',
      entity_id: '1',
      before_digest: null,
      after_digest: digestOf(register),
    });
    expect(await audit.verify()).toEqual({ ok: true, entries: 1 });
  });

  it('adds a version for each change and keeps the history', async () => {
    await service.importFromDir(VALID_DIR, 'cli');
    clock += 60_000;
    const changed = await editedCopy('controller.yaml', (t) =>
      t.replace('Riverside Community Trust', 'Riverside Trust'),
    );
    const second = await service.importFromDir(changed, 'api');
    expect(second).toMatchObject({ version: 2, unchanged: false });

    expect((await service.listVersions()).map((v) => [v.version, v.importedBy, v.importedAt])).toEqual([
      [2, 'api', '2026-01-05T09:01:00.000Z'],
      [1, 'cli', '2026-01-05T09:00:00.000Z'],
    ]);
    expect((await service.getCurrentRegister()).controller.name).toBe('Riverside Trust');
    expect((await service.getVersion(1)).register.controller.name).toBe('Riverside Community Trust');
    const entries = await audit.list({ entityType: 'register' });
    expect(entries.map((e) => [e.entity_id, e.before_digest === entries[1]?.after_digest])).toEqual([
      ['2', true],
      ['1', false],
    ]);
  });

  it('adds no version when the register is the same as the current one', async () => {
    await service.importFromDir(VALID_DIR, 'cli');
    // The same content in other words: keys reordered and a comment added.
    const reordered = await editedCopy(
      'activities/enquiries.yaml',
      (t) =>
        `# comments do not change a register\n${t.replace('      then: delete\n', '').replace('      period: 12 months\n', '      then: delete\n      period: 12 months\n')}`,
    );
    const again = await service.importFromDir(reordered, 'cli');
    expect(again).toMatchObject({ version: 1, unchanged: true });
    expect(await service.listVersions()).toHaveLength(1);
    expect(await audit.list({ entityType: 'register' })).toHaveLength(1);
  });

  it('stores a version again when the register goes back to an earlier content', async () => {
    const first = await service.importFromDir(VALID_DIR, 'cli');
    await service.importFromDir(
      await editedCopy('controller.yaml', (t) => t.replace('01632 960000', '01632 960001')),
      'cli',
    );
    const back = await service.importFromDir(VALID_DIR, 'cli');
    expect(back).toMatchObject({ version: 3, unchanged: false, contentHash: first.contentHash });
  });

  it('keeps the warnings with the version', async () => {
    const dir = await editedCopy('data.yaml', (t) => t.replace('    contract: Contract CM-2025-01\n', ''));
    const result = await service.importFromDir(dir, 'cli');
    expect(result.warnings).toEqual([
      expect.objectContaining({
        where: 'data.yaml:15',
        severity: 'warning',
        message: 'processor "crm-supplier" has no contract reference',
      }),
    ]);
    expect((await service.getVersion(1)).warnings).toEqual(result.warnings);
  });

  it('refuses an invalid register with every problem and stores nothing', async () => {
    await service.importFromDir(VALID_DIR, 'cli');
    const dir = await editedCopy('activities/support.yaml', (t) =>
      t
        .replace('article_9: explicit-consent', 'article_9: health-social-care')
        .replace('[access]', '[access]'),
    );
    await fs.writeFile(path.join(dir, 'broken.yaml'), 'systems: [\n');
    const failure = await service.importFromDir(dir, 'cli').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({
      code: 'invalid_register',
      message: `The register in ${dir} has 2 errors; nothing was imported`,
    });
    expect((failure as AppError).problems.map((p) => p.where)).toEqual([
      'activities/support.yaml:13',
      'broken.yaml:2',
    ]);
    expect(await service.listVersions()).toHaveLength(1);
    expect(await audit.list({ entityType: 'register' })).toHaveLength(1);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(service.importFromDir('/no/such/register', 'cli')).rejects.toMatchObject({
      code: 'invalid_register',
      problems: [expect.objectContaining({ message: 'the folder does not exist' })],
    });
  });

  it('says which version was not found', async () => {
    await expect(service.getVersion(7)).rejects.toMatchObject({
      code: 'not_found',
      message: 'Register version 7 was not found',
    });
    expect(await service.findVersion(7)).toBeUndefined();
  });

  it('imports the example on first start only', async () => {
    expect(await service.importExampleIfEmpty(VALID_DIR)).toEqual({ imported: true, version: 1 });
    const changed = await editedCopy('controller.yaml', (t) =>
      t.replace('Riverside Community Trust', 'Other'),
    );
    expect(await service.importExampleIfEmpty(changed)).toMatchObject({ imported: false });
    expect((await service.listVersions()).map((v) => v.importedBy)).toEqual(['system']);
  });

  it('starts without a register when the example folder is missing', async () => {
    expect(await service.importExampleIfEmpty('/no/such/example')).toEqual({
      imported: false,
      reason: 'there is no register folder at /no/such/example',
    });
  });

  it('never changes a stored version', async () => {
    await service.importFromDir(VALID_DIR, 'cli');
    await expect(sql`update register_versions set imported_by = 'mallory'`.execute(store.db)).rejects.toThrow(
      /immutable/,
    );
    await expect(sql`delete from register_versions`.execute(store.db)).rejects.toThrow(/immutable/);
  });
});
