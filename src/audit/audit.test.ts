import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { canonicalJson, digestOf, entryHash, GENESIS_HASH } from './audit-chain.ts';
import { createAuditService, type AuditService } from './audit-service.ts';

describe('canonical digests', () => {
  it('gives the same digest whatever the order of keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(digestOf({ x: 1, y: 2 })).toBe(digestOf({ y: 2, x: 1 }));
  });
  it('has no digest for a record that does not exist', () => {
    expect(digestOf(undefined)).toBeNull();
  });
});

describe(`the audit trail on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let audit: AuditService;
  let tick = 0;

  beforeEach(async () => {
    store = await createTestStore();
    tick = 0;
    audit = createAuditService({ store, now: () => new Date(Date.UTC(2026, 0, 5, 9, 0, tick++)) });
    for (let i = 1; i <= 5; i++) {
      await store.db.transaction().execute((trx) =>
        audit.record(trx, {
          actor: 'cli',
          action: 'thing.changed',
          entityType: 'thing',
          entityId: `t${i}`,
          after: { i },
        }),
      );
    }
  });
  afterEach(() => store.close());

  async function allowTampering(): Promise<void> {
    if (TEST_DIALECT === 'postgres') {
      await sql`drop trigger audit_entries_no_update_delete on audit_entries`.execute(store.db);
    } else {
      await sql`drop trigger audit_entries_no_update`.execute(store.db);
      await sql`drop trigger audit_entries_no_delete`.execute(store.db);
    }
  }

  it('chains each entry to the one before it from the genesis hash', async () => {
    const entries = (await audit.list({ limit: 10 })).reverse();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prev_hash).toBe(entries[i - 1]!.hash);
    for (const e of entries) expect(entryHash(e)).toBe(e.hash);
    expect(entries[0]!.after_digest).toBe(digestOf({ i: 1 }));
  });

  it('verifies an intact chain', async () => {
    expect(await audit.verify()).toEqual({ ok: true, entries: 5 });
  });

  it('refuses updates and deletes of entries', async () => {
    await expect(
      sql`update audit_entries set actor = 'mallory' where seq = 2`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_entries where seq = 2`.execute(store.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('names an altered entry', async () => {
    await allowTampering();
    await sql`update audit_entries set actor = 'mallory' where seq = 3`.execute(store.db);
    const verdict = await audit.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.finding).toMatchObject({ kind: 'altered', seq: 3 });
  });

  it('names a removed entry', async () => {
    await allowTampering();
    await sql`delete from audit_entries where seq = 2`.execute(store.db);
    expect((await audit.verify()).finding).toMatchObject({ kind: 'removed', seq: 2 });
  });

  it('notices the last entries removed', async () => {
    await allowTampering();
    await sql`delete from audit_entries where seq >= 4`.execute(store.db);
    expect((await audit.verify()).finding).toMatchObject({ kind: 'truncated', seq: 4 });
  });

  it('names an entry rewritten with a fresh hash that no longer links', async () => {
    await allowTampering();
    const forged = {
      seq: 3,
      occurred_at: '2026-01-05T09:00:02.000Z',
      actor: 'mallory',
      action: 'thing.changed',
      entity_type: 'thing',
      entity_id: 't3',
      before_digest: null,
      after_digest: null,
      prev_hash: 'f'.repeat(64),
    };
    await sql`delete from audit_entries where seq = 3`.execute(store.db);
    await store.db
      .insertInto('audit_entries')
      .values({ ...forged, hash: entryHash(forged) })
      .execute();
    expect((await audit.verify()).finding).toMatchObject({ kind: 'inserted', seq: 3 });
  });

  it('keeps the change and its entry together when the transaction fails', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await audit.record(trx, {
          actor: 'cli',
          action: 'thing.changed',
          entityType: 'thing',
          entityId: 't6',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await audit.verify()).toEqual({ ok: true, entries: 5 });
  });

  it('custodian audit verify exits 0 when intact and 1 naming the first altered entry', async () => {
    const run = async () => {
      const out: string[] = [];
      const env = store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath };
      const code = await main(['node', 'custodian', 'audit', 'verify'], {
        out: (t) => out.push(t),
        err: (t) => out.push(t),
        env: { ...env, NODE_ENV: 'test' },
        now: () => new Date(),
      });
      return { code, text: out.join('') };
    };
    expect(await run()).toEqual({ code: 0, text: 'The audit trail is intact: 5 entries verified.\n' });
    await allowTampering();
    await sql`update audit_entries set entity_id = 'other' where seq = 4`.execute(store.db);
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.text).toContain('entry 4 was altered');
  });
});
