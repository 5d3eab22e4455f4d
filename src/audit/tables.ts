/** One link of the audit chain. Never updated or deleted (triggers refuse both). */
export interface AuditEntryTable {
  seq: number;
  occurred_at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** SHA-256 of the canonical JSON of the record before and after the change; null where there was none. */
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string;
  hash: string;
}

/** The single row that holds the end of the chain, so a removed last entry is noticed too. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditTables {
  audit_entries: AuditEntryTable;
  audit_head: AuditHeadTable;
}

export type AuditEntryRow = AuditEntryTable;
