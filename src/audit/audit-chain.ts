import crypto from 'node:crypto';

/** The hash the first entry links back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal values always give equal digests. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A digest of a record's state, or null where there is none (before a creation, after a deletion). */
export function digestOf(value: unknown): string | null {
  return value === undefined || value === null ? null : sha256(canonicalJson(value));
}

export interface ChainedFields {
  seq: number;
  occurred_at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string;
}

/** The hash of an entry covers every field and the previous entry's hash. */
export function entryHash(entry: ChainedFields): string {
  return sha256(
    canonicalJson({
      seq: entry.seq,
      occurred_at: entry.occurred_at,
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entity_type,
      entity_id: entry.entity_id,
      before_digest: entry.before_digest,
      after_digest: entry.after_digest,
      prev_hash: entry.prev_hash,
    }),
  );
}

export type ChainFinding =
  | { kind: 'altered'; seq: number; message: string }
  | { kind: 'removed'; seq: number; message: string }
  | { kind: 'inserted'; seq: number; message: string }
  | { kind: 'truncated'; seq: number; message: string };

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The first break in the chain, if any. */
  finding?: ChainFinding;
}

/**
 * Checks entries one at a time, in order of `seq`, and names the first that was altered, removed
 * or inserted. `finish(head)` compares the chain's recorded end, which catches removed last entries.
 */
export function createChainChecker() {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  return {
    /** Returns the first break found, or undefined while the chain holds. */
    check(entry: ChainedFields & { hash: string }): ChainFinding | undefined {
      count++;
      if (entry.seq > expectedSeq) {
        const range =
          entry.seq === expectedSeq + 1
            ? `entry ${expectedSeq} was`
            : `entries ${expectedSeq} to ${entry.seq - 1} were`;
        return {
          kind: 'removed',
          seq: expectedSeq,
          message: `${range} removed (the chain jumps from ${expectedSeq - 1} to ${entry.seq})`,
        };
      }
      if (entry.prev_hash !== prevHash) {
        return {
          kind: 'inserted',
          seq: entry.seq,
          message: `entry ${entry.seq} does not link to entry ${entry.seq - 1}: it was inserted, or the entry before it was replaced`,
        };
      }
      if (entryHash(entry) !== entry.hash) {
        return {
          kind: 'altered',
          seq: entry.seq,
          message: `entry ${entry.seq} was altered: its contents no longer match its hash`,
        };
      }
      prevHash = entry.hash;
      expectedSeq = entry.seq + 1;
      return undefined;
    },
    finish(head: { seq: number; hash: string }): ChainVerdict {
      const last = expectedSeq - 1;
      if (head.seq > last) {
        return fail(count, {
          kind: 'truncated',
          seq: last + 1,
          message: `entries ${last + 1} to ${head.seq} were removed from the end of the chain`,
        });
      }
      if (head.seq !== last || head.hash !== prevHash) {
        return fail(count, {
          kind: 'altered',
          seq: last,
          message: `the chain's recorded end (entry ${head.seq}) does not match its last entry (${last})`,
        });
      }
      return { ok: true, entries: count };
    },
    failed(finding: ChainFinding): ChainVerdict {
      return fail(count, finding);
    },
  };
}

/** Verifies a whole chain held in memory; see `createChainChecker` for long chains. */
export function verifyChain(
  entries: Iterable<ChainedFields & { hash: string }>,
  head: { seq: number; hash: string },
): ChainVerdict {
  const checker = createChainChecker();
  for (const entry of entries) {
    const finding = checker.check(entry);
    if (finding) return checker.failed(finding);
  }
  return checker.finish(head);
}

function fail(entries: number, finding: ChainFinding): ChainVerdict {
  return { ok: false, entries, finding };
}
