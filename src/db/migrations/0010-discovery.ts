import { sql, type Kysely } from 'kysely';
import { autoIncrementKey, isPostgres, refuseChanges, TIMESTAMP } from './helpers.ts';

/** Finding a request's person in the organisation's systems: runs, candidates and decisions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const real = isPostgres(db) ? 'double precision' : 'real';

  await db.schema
    .createTable('discovery_runs')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('request_reference', 'text', (c) => c.notNull().references('rights_requests.reference'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('systems_dir', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('added', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('finished_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addCheckConstraint('discovery_runs_kind', sql`kind in ('search', 'expand')`)
    .addCheckConstraint('discovery_runs_status', sql`status in ('completed', 'partial', 'failed')`)
    .execute();
  await db.schema
    .createIndex('discovery_runs_request')
    .on('discovery_runs')
    .columns(['request_reference', 'id'])
    .execute();

  await db.schema
    .createTable('discovery_run_systems')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('discovery_runs.id'))
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('queries', 'integer', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('candidates', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addCheckConstraint('discovery_run_systems_status', sql`status in ('searched', 'failed')`)
    .addUniqueConstraint('discovery_run_systems_once', ['run_id', 'system'])
    .execute();

  await db.schema
    .createTable('discovery_candidates')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('request_reference', 'text', (c) => c.notNull().references('rights_requests.reference'))
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('found_values', 'text', (c) => c.notNull())
    .addColumn('normalised', 'text', (c) => c.notNull())
    .addColumn('score', real, (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('breakdown', 'text', (c) => c.notNull())
    .addColumn('found_by', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('first_run_id', 'integer', (c) => c.notNull().references('discovery_runs.id'))
    .addColumn('last_run_id', 'integer', (c) => c.notNull().references('discovery_runs.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', TIMESTAMP)
    .addColumn('decision_note', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .addCheckConstraint('discovery_candidates_band', sql`band in ('match', 'needs-review', 'no-match')`)
    .addCheckConstraint(
      'discovery_candidates_decision',
      sql`decision in ('pending', 'confirmed', 'rejected')`,
    )
    .addUniqueConstraint('discovery_candidates_once', [
      'request_reference',
      'system',
      'table_name',
      'row_key',
    ])
    .execute();

  await db.schema
    .createTable('discovery_decisions')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('request_reference', 'text', (c) => c.notNull().references('rights_requests.reference'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('discovery_candidates.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('previous_decision', 'text', (c) => c.notNull())
    .addColumn('automatic', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('run_id', 'integer', (c) => c.references('discovery_runs.id'))
    .addColumn('decided_at', TIMESTAMP, (c) => c.notNull())
    .addCheckConstraint('discovery_decisions_decision', sql`decision in ('pending', 'confirmed', 'rejected')`)
    .execute();
  await db.schema
    .createIndex('discovery_decisions_request')
    .on('discovery_decisions')
    .columns(['request_reference', 'id'])
    .execute();

  await refuseChanges(db, 'discovery_decisions', 'decisions on candidates are append-only');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'discovery_decisions',
    'discovery_candidates',
    'discovery_run_systems',
    'discovery_runs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (isPostgres(db)) {
    await sql`drop function if exists ${sql.id('discovery_decisions_refuse_change')}()`.execute(db);
  }
}
