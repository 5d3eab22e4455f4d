import type { AuditService } from '../audit/audit-service.ts';
import { AppError, invalidInput, notFound } from '../errors/app-error.ts';
import { parseInput } from '../rights-requests/request-input.ts';
import type { Dependencies } from '../services.ts';
import { createMailTransport } from './create-transport.ts';
import { mailListFilter, outgoingMail, type MailListFilter } from './mail-input.ts';
import type {
  MailMessage,
  MailStatus,
  MailTransportName,
  Mailer,
  OutgoingMail,
  SentMail,
} from './mail-message.ts';
import { findMessage, insertMessage, listMessageRows, updateMessage, type Db } from './mail-repository.ts';
import { DeliveryFailure, safeReason, type Delivery, type MailTransport } from './mail-transport.ts';
import type { MailMessageRow } from './tables.ts';

const ACTOR = 'system';

/** Sends mail and shows what was sent: the console's outbox page reads `list` and `get`. */
export interface MailService extends Mailer {
  /** The transport in use, from `CUSTODIAN_MAIL_TRANSPORT`. */
  readonly transport: MailTransportName;
  list(filter?: MailListFilter): Promise<MailMessage[]>;
  get(id: number): Promise<MailMessage>;
}

/**
 * Mail: every message is recorded in `mail_messages` before it is handed to the transport, then
 * marked `sent` or `failed`; the outbox transport leaves it `held`. Audit entries keep only digests.
 */
export function createMailService(
  deps: Dependencies & { audit: AuditService; transport?: MailTransport },
): MailService {
  const transport = deps.transport ?? createMailTransport(deps.config.mail);
  const db = deps.store.db;

  async function record(work: (trx: Db) => Promise<MailMessageRow>, action: string): Promise<MailMessageRow> {
    return db.transaction().execute(async (trx) => {
      const row = await work(trx);
      await deps.audit.record(trx, {
        actor: ACTOR,
        action,
        entityType: 'mail-message',
        entityId: String(row.id),
        after: row,
      });
      return row;
    });
  }

  return {
    transport: transport.name,

    /**
     * Records the message and hands it to the transport. A message that could not be sent is kept
     * as `failed` with the reason, and `mail_failed` is thrown saying why (never with a secret).
     */
    async send(message: OutgoingMail): Promise<SentMail> {
      const parsed = parseInput(outgoingMail, message);
      const held = await record(
        (trx) =>
          insertMessage(trx, {
            purpose: parsed.purpose,
            transport: transport.name,
            to_address: parsed.to,
            subject: parsed.subject,
            text_body: keptText(parsed.text, transport.name),
            html_body: parsed.html === undefined ? null : keptText(parsed.html, transport.name),
            status: 'held',
            error: null,
            provider_id: null,
            created_at: deps.now().toISOString(),
            sent_at: null,
          }),
        'mail.recorded',
      );

      let delivery: Delivery;
      try {
        delivery = await transport.deliver(parsed, `custodian-mail-${held.id}`);
      } catch (error) {
        const reason = safeReason(
          error instanceof DeliveryFailure ? error.message : `the ${transport.name} transport failed`,
          transport.secrets,
          parsed.to,
        );
        await record(
          (trx) => updateMessage(trx, held.id, { status: 'failed', error: reason }),
          'mail.failed',
        );
        throw new AppError('mail_failed', `The message could not be sent: ${reason}.`);
      }
      if (delivery.status === 'held') return toSentMail(held);
      const sent = await record(
        (trx) =>
          updateMessage(trx, held.id, {
            status: 'sent',
            provider_id: delivery.providerId,
            sent_at: deps.now().toISOString(),
          }),
        'mail.sent',
      );
      return toSentMail(sent);
    },

    /** Messages, the newest first: for the console's outbox page. */
    async list(filter: MailListFilter = {}): Promise<MailMessage[]> {
      const parsed = parseInput(mailListFilter, filter);
      return (await listMessageRows(db, parsed)).map(toMessage);
    },

    async get(id: number): Promise<MailMessage> {
      if (!Number.isSafeInteger(id) || id < 1) throw invalidInput('id', 'must be a message number');
      const row = await findMessage(db, id);
      if (!row) throw notFound(`Mail message ${id}`);
      return toMessage(row);
    },
  };
}

function toMessage(row: MailMessageRow): MailMessage {
  return {
    id: row.id,
    purpose: row.purpose,
    transport: row.transport as MailTransportName,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status as MailStatus,
    error: row.error,
    providerId: row.provider_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

function toSentMail(row: MailMessageRow): SentMail {
  const message = toMessage(row);
  if (message.status === 'failed') throw new Error(`mail message ${row.id} failed but was reported as sent`);
  return { ...message, status: message.status };
}

/**
 * The words kept of a message. A message that really leaves (SMTP, Notify) is kept without its
 * one-time links, so that no one reading the record later (an auditor, say) can use them; the
 * development outbox keeps them, because there the outbox is how the link is followed.
 */
export function keptText(text: string, transport: string): string {
  if (transport === 'outbox') return text;
  return text.replace(/(\/privacy\/requests\/(?:confirm|status)\/)[A-Za-z0-9_-]+/g, '$1[link removed]');
}
