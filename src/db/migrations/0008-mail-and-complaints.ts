import { sql, type Kysely } from 'kysely';
import { autoIncrementKey, isPostgres, refuseChanges, TIMESTAMP } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_messages')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('sent_at', TIMESTAMP)
    .addCheckConstraint('mail_messages_status', sql`status in ('held', 'sent', 'failed')`)
    .execute();
  await db.schema.createIndex('mail_messages_status').on('mail_messages').columns(['status', 'id']).execute();

  await db.schema
    .createTable('complaints')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('complainant_name', 'text', (c) => c.notNull())
    .addColumn('complainant_email', 'text', (c) => c.notNull())
    .addColumn('complainant_phone', 'text')
    .addColumn('about', 'text', (c) => c.notNull())
    .addColumn('related_request_reference', 'text', (c) => c.references('rights_requests.reference'))
    .addColumn('acknowledge_by', 'text')
    .addColumn('acknowledged_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .addCheckConstraint(
      'complaints_status',
      sql`status in ('received', 'acknowledged', 'investigating', 'closed')`,
    )
    .execute();
  await db.schema.createIndex('complaints_status').on('complaints').column('status').execute();

  await db.schema
    .createTable('complaint_events')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('recorded_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addUniqueConstraint('complaint_events_complaint_seq', ['complaint_id', 'seq'])
    .execute();

  await db.schema
    .createTable('complaint_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await refuseChanges(db, 'complaint_events', 'the timeline of a complaint is append-only');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['complaint_counters', 'complaint_events', 'complaints', 'mail_messages']) {
    await db.schema.dropTable(table).execute();
  }
  if (isPostgres(db)) {
    await sql`drop function if exists ${sql.id('complaint_events_refuse_change')}()`.execute(db);
  }
}
