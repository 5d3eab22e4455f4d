import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Every message Custodian has sent or tried to send, whatever the transport. The outbox page of the
 * console reads it; with the `outbox` transport it is the only place a message goes.
 */
export interface MailMessageTable {
  id: Generated<number>;
  /** `request.confirm-email`, `complaint.acknowledgement`... */
  purpose: string;
  /** `outbox`, `smtp` or `notify`. */
  transport: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** `held`, `sent` or `failed`. */
  status: string;
  /** Short, and never holding credentials. */
  error: string | null;
  provider_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface MailTables {
  mail_messages: MailMessageTable;
}

export type MailMessageRow = Selectable<MailMessageTable>;
export type NewMailMessageRow = Insertable<MailMessageTable>;
export type MailMessageUpdate = Updateable<MailMessageTable>;
