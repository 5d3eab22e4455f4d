import { sql, type Kysely } from 'kysely';
import { autoIncrementKey, TIMESTAMP } from './helpers.ts';

/**
 * Acting on what was found: executions (access, erasure, rectification, restriction, portability)
 * as stored, resumable steps; the suppression list; restrictions; reviews of access packs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('executions')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('request_reference', 'text', (c) => c.notNull().references('rights_requests.reference'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('systems_dir', 'text', (c) => c.notNull())
    .addColumn('working_values', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', TIMESTAMP)
    .addColumn('approved_by', 'text')
    .addColumn('started_at', TIMESTAMP)
    .addColumn('finished_at', TIMESTAMP)
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .addCheckConstraint(
      'executions_kind',
      sql`kind in ('access', 'erasure', 'rectification', 'restriction', 'portability')`,
    )
    .addCheckConstraint(
      'executions_state',
      sql`state in ('planned', 'approved', 'running', 'done', 'failed')`,
    )
    .execute();
  await db.schema
    .createIndex('executions_request')
    .on('executions')
    .columns(['request_reference', 'kind', 'id'])
    .execute();

  await db.schema
    .createTable('execution_steps')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('execution_id', 'integer', (c) => c.notNull().references('executions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('prepared', 'text')
    .addColumn('result', 'text')
    .addColumn('last_attempt_at', TIMESTAMP)
    .addColumn('finished_at', TIMESTAMP)
    .addCheckConstraint('execution_steps_state', sql`state in ('pending', 'done', 'failed')`)
    .addUniqueConstraint('execution_steps_one_per_table', ['execution_id', 'system', 'table_name'])
    .execute();

  await db.schema
    .createTable('suppression_list')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('request_reference', 'text')
    .addColumn('added_at', TIMESTAMP, (c) => c.notNull())
    .addCheckConstraint('suppression_list_kind', sql`kind in ('email', 'phone')`)
    .addUniqueConstraint('suppression_list_hash', ['kind', 'hash'])
    .execute();

  await db.schema
    .createTable('restrictions')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('request_reference', 'text', (c) => c.notNull().references('rights_requests.reference'))
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('since', TIMESTAMP, (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('lifted_at', TIMESTAMP)
    .addColumn('lifted_by', 'text')
    .addCheckConstraint('restrictions_active', sql`active in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('restrictions_row')
    .on('restrictions')
    .columns(['system', 'table_name', 'row_key', 'active'])
    .execute();
  await db.schema
    .createIndex('restrictions_request')
    .on('restrictions')
    .columns(['request_reference', 'active'])
    .execute();

  await db.schema
    .createTable('pack_reviews')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('execution_id', 'integer', (c) => c.notNull().references('executions.id'))
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', TIMESTAMP, (c) => c.notNull())
    .addUniqueConstraint('pack_reviews_one_per_field', [
      'execution_id',
      'system',
      'table_name',
      'column_name',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['pack_reviews', 'restrictions', 'suppression_list', 'execution_steps', 'executions']) {
    await db.schema.dropTable(table).execute();
  }
}
