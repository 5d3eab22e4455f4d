import type { Generated, Insertable, Selectable } from 'kysely';

/** A complaint to the organisation about how it handled someone's data (DPA 2018 s.164A). */
export interface ComplaintTable {
  id: Generated<number>;
  /** `CMP-2026-0001`: the year received and a number counted within that year. */
  reference: string;
  received_on: string;
  channel: string;
  complainant_name: string;
  complainant_email: string;
  /** E.164 (`+447700900123`). */
  complainant_phone: string | null;
  /** What the complaint is about, in the complainant's words. */
  about: string;
  /** A rights request the complaint concerns, when there is one. */
  related_request_reference: string | null;
  /** The statutory clock's answer on the day the complaint was logged; null when holidays were missing. */
  acknowledge_by: string | null;
  acknowledged_on: string | null;
  /** What the complainant was told at the end. */
  outcome: string | null;
  outcome_on: string | null;
  /** `received`, `acknowledged`, `investigating` or `closed`. */
  status: string;
  created_at: string;
  updated_at: string;
}

/** One step of a complaint's timeline. Append-only: triggers refuse UPDATE and DELETE. */
export interface ComplaintEventTable {
  id: Generated<number>;
  complaint_id: number;
  /** 1, 2, 3... within the complaint; unique with complaint_id. */
  seq: number;
  type: string;
  occurred_on: string;
  /** JSON: the whole event. */
  data: string;
  recorded_at: string;
  actor: string;
}

/** The last reference number used in each year. */
export interface ComplaintCounterTable {
  year: number;
  last_number: number;
}

export interface ComplaintTables {
  complaints: ComplaintTable;
  complaint_events: ComplaintEventTable;
  complaint_counters: ComplaintCounterTable;
}

export type ComplaintRow = Selectable<ComplaintTable>;
export type NewComplaintRow = Insertable<ComplaintTable>;
export type ComplaintEventRow = Selectable<ComplaintEventTable>;
