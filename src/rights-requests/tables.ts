import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * A request as logged at intake. Never updated or deleted (triggers refuse both): everything that
 * happens to it afterwards is an event. The `*_key` columns are normalised for finding other
 * requests about the same person.
 */
export interface RightsRequestTable {
  id: Generated<number>;
  /** `RR-2026-000123`: the year received and a number counted within that year. */
  reference: string;
  received_on: string;
  channel: string;
  /** JSON array of rights. */
  rights: string;
  /** JSON: the person the data is about. */
  person: string;
  /** JSON: who acts for the person, or null when the person asked themselves. */
  representative: string | null;
  /** The request in the words it was made, exactly as given. */
  wording: string;
  person_name_key: string;
  person_email_key: string | null;
  person_phone_key: string | null;
  created_at: string;
  created_by: string;
}

/** One event of a request's timeline. Append-only: triggers refuse UPDATE and DELETE. */
export interface RightsRequestEventTable {
  id: Generated<number>;
  request_id: number;
  /** 1, 2, 3... within the request, in the order recorded; unique with request_id. */
  seq: number;
  type: string;
  /** The day it happened (`YYYY-MM-DD`). */
  occurred_on: string;
  /** JSON: the whole event. */
  data: string;
  recorded_at: string;
  actor: string;
}

/** Work to do on a request. Its history is in the events (`task-opened`, `task-done`); this row says where it stands. */
export interface RightsRequestTaskTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  assignee: string;
  due_on: string;
  detail: string | null;
  opened_on: string;
  done_on: string | null;
  done_detail: string | null;
}

/** The outbox of reminders: one per request, kind and day (a unique key makes the daily job idempotent). */
export interface RightsRequestReminderTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  for_date: string;
  due_on: string;
  /** JSON array of who should hear: the data protection officer and the assignees of open tasks. */
  recipients: string;
  subject: string;
  body: string;
  created_at: string;
  /** Set by whatever delivers the outbox. */
  sent_at: string | null;
}

/** The last reference number used in each year. */
export interface RightsRequestCounterTable {
  year: number;
  last_number: number;
}

export interface RightsRequestTables {
  rights_requests: RightsRequestTable;
  rights_request_events: RightsRequestEventTable;
  rights_request_tasks: RightsRequestTaskTable;
  rights_request_reminders: RightsRequestReminderTable;
  rights_request_counters: RightsRequestCounterTable;
}

export type RightsRequestRow = Selectable<RightsRequestTable>;
export type NewRightsRequestRow = Insertable<RightsRequestTable>;
export type RightsRequestEventRow = Selectable<RightsRequestEventTable>;
export type RightsRequestTaskRow = Selectable<RightsRequestTaskTable>;
export type RightsRequestReminderRow = Selectable<RightsRequestReminderTable>;
