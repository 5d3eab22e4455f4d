import { sql, type Kysely } from 'kysely';
import { autoIncrementKey, isPostgres, refuseChanges, TIMESTAMP } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rights_requests')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('rights', 'text', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('representative', 'text')
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('person_name_key', 'text', (c) => c.notNull())
    .addColumn('person_email_key', 'text')
    .addColumn('person_phone_key', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rights_requests_received_on')
    .on('rights_requests')
    .column('received_on')
    .execute();
  for (const key of ['person_name_key', 'person_email_key', 'person_phone_key']) {
    await db.schema.createIndex(`rights_requests_${key}`).on('rights_requests').column(key).execute();
  }

  await db.schema
    .createTable('rights_request_events')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('rights_requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('recorded_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addUniqueConstraint('rights_request_events_request_seq', ['request_id', 'seq'])
    .execute();

  await db.schema
    .createTable('rights_request_tasks')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('rights_requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('done_detail', 'text')
    .execute();
  await db.schema
    .createIndex('rights_request_tasks_request')
    .on('rights_request_tasks')
    .column('request_id')
    .execute();

  await db.schema
    .createTable('rights_request_reminders')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('rights_requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('for_date', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('sent_at', TIMESTAMP)
    .addUniqueConstraint('rights_request_reminders_once_a_day', ['request_id', 'kind', 'for_date'])
    .execute();

  await db.schema
    .createTable('rights_request_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await refuseChanges(db, 'rights_requests', 'a request is kept as it was logged; record an event instead');
  await refuseChanges(db, 'rights_request_events', 'the timeline of a request is append-only');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'rights_request_counters',
    'rights_request_reminders',
    'rights_request_tasks',
    'rights_request_events',
    'rights_requests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (isPostgres(db)) {
    for (const table of ['rights_requests', 'rights_request_events']) {
      await sql`drop function if exists ${sql.id(`${table}_refuse_change`)}()`.execute(db);
    }
  }
}
