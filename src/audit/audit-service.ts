import { createChainChecker, digestOf, entryHash, type ChainVerdict } from './audit-chain.ts';
import {
  advanceHead,
  getHead,
  insertEntry,
  listEntries,
  streamEntries,
  type AuditSearch,
  type Db,
} from './audit-repository.ts';
import type { AuditEntryRow } from './tables.ts';

export interface AuditChange {
  /** Who made the change: a user, or `cli`/`api`/`system` where no user is known. */
  actor: string;
  /** What was done, as `noun.verb`: `register.imported`, `request.event-recorded`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The record before and after; only their digests are kept, so the trail holds no personal data. */
  before?: unknown;
  after?: unknown;
}

export interface AuditDeps {
  store: { db: Db };
  now: () => Date;
}

/**
 * The append-only audit trail. `record` must be called with the transaction that makes the change,
 * so that the change and its entry are kept or lost together.
 *
 * @example
 * await store.db.transaction().execute(async (trx) => {
 *   await saveThing(trx, thing);
 *   await audit.record(trx, { actor, action: 'thing.created', entityType: 'thing', entityId: thing.id, after: thing });
 * });
 */
export function createAuditService(deps: AuditDeps) {
  return {
    async record(trx: Db, change: AuditChange): Promise<AuditEntryRow> {
      const { seq, prevHash } = await advanceHead(trx);
      const fields = {
        seq,
        occurred_at: deps.now().toISOString(),
        actor: change.actor,
        action: change.action,
        entity_type: change.entityType,
        entity_id: change.entityId,
        before_digest: digestOf(change.before),
        after_digest: digestOf(change.after),
        prev_hash: prevHash,
      };
      const entry = { ...fields, hash: entryHash(fields) };
      await insertEntry(trx, entry);
      return entry;
    },

    /** Checks the whole chain and names the first entry that was altered, removed or inserted. */
    async verify(): Promise<ChainVerdict> {
      const db = deps.store.db;
      // Entries written after the head was read are left for the next check.
      const head = await getHead(db);
      const checker = createChainChecker();
      for await (const entry of streamEntries(db, head.seq)) {
        const finding = checker.check(entry);
        if (finding) return checker.failed(finding);
      }
      return checker.finish(head);
    },

    list(search: Partial<AuditSearch> = {}): Promise<AuditEntryRow[]> {
      return listEntries(deps.store.db, { ...search, limit: Math.min(search.limit ?? 100, 1000) });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
