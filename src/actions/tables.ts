import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * One piece of work on a request's data in the organisation's systems: an access collection, an
 * erasure, a rectification, a restriction (or its lifting) or a portability export. Its steps are
 * in `execution_steps`; it is resumed from them after a crash or a system that was down.
 */
export interface ExecutionTable {
  id: Generated<number>;
  request_reference: string;
  /** `access`, `erasure`, `rectification`, `restriction` or `portability`. */
  kind: string;
  /** `planned` → `approved` (erasure only) → `running` → `done` | `failed`. */
  state: string;
  /** JSON: what the execution will do, per system, table and row (the kind's plan type). */
  plan: string;
  /** The absolute folder of annotation files the plan was made from. */
  systems_dir: string;
  /**
   * JSON: the person's identifying values an erasure needs while it runs (to redact free text and
   * fill the suppression list); cleared when the execution is done. Null for other kinds.
   */
  working_values: string | null;
  /** JSON: a summary once finished (counts, recipients to tell under Art 19), or null. */
  outcome: string | null;
  created_at: string;
  created_by: string;
  approved_at: string | null;
  approved_by: string | null;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** One system × table of an execution. */
export interface ExecutionStepTable {
  id: Generated<number>;
  execution_id: number;
  /** The order steps run in within their system (tables that belong to others first, for deletes). */
  seq: number;
  system: string;
  table_name: string;
  /** `pending`, `done` or `failed`. */
  state: string;
  attempts: number;
  /** Why the last attempt failed: short, without secrets or personal data. */
  last_error: string | null;
  /** JSON: the rows and actions of this step. */
  plan: string;
  /** JSON: what was read before the system was changed (rectification's before values), kept for a retry. */
  prepared: string | null;
  /** JSON: what the step did and what verification found. */
  result: string | null;
  last_attempt_at: string | null;
  finished_at: string | null;
}

/**
 * Keyed hashes (HMAC-SHA256 with `CUSTODIAN_HASH_KEY`) of the normalised email addresses and
 * telephone numbers of people who must not be contacted again, so that an erasure does not undo an
 * objection to marketing. The values themselves are not kept.
 */
export interface SuppressionTable {
  id: Generated<number>;
  hash: string;
  /** `email` or `phone`. */
  kind: string;
  /** `erasure`, or another reason given when added. */
  reason: string;
  request_reference: string | null;
  added_at: string;
}

/** A row whose processing is restricted (UK GDPR Art 18), until lifted. */
export interface RestrictionTable {
  id: Generated<number>;
  request_reference: string;
  system: string;
  table_name: string;
  /** The row's key as canonical JSON (`canonicalKey`): columns sorted, values as text. */
  row_key: string;
  /** 1 while in force, 0 once lifted. */
  active: number;
  since: string;
  set_by: string;
  lifted_at: string | null;
  lifted_by: string | null;
}

/** A free-text field of an access pack that a caseworker has reviewed for other people's data. */
export interface PackReviewTable {
  id: Generated<number>;
  execution_id: number;
  system: string;
  table_name: string;
  column_name: string;
  reviewed_by: string;
  reviewed_at: string;
}

export interface ActionTables {
  executions: ExecutionTable;
  execution_steps: ExecutionStepTable;
  suppression_list: SuppressionTable;
  restrictions: RestrictionTable;
  pack_reviews: PackReviewTable;
}

export type ExecutionRow = Selectable<ExecutionTable>;
export type NewExecutionRow = Insertable<ExecutionTable>;
export type ExecutionStepRow = Selectable<ExecutionStepTable>;
export type NewExecutionStepRow = Insertable<ExecutionStepTable>;
export type SuppressionRow = Selectable<SuppressionTable>;
export type RestrictionRow = Selectable<RestrictionTable>;
export type PackReviewRow = Selectable<PackReviewTable>;
