// Migration 005: gate records, one per run of the gate (pass or fail), kept for good: automatic promotion requires a passing one.
import type { Kysely, Migration } from 'kysely';

/*
 * A record is written once and never changed. The candidate and the version it was gated against are
 * columns (a promotion looks a passing record up by candidate); checks, set versions, settings and the
 * Markdown report live in record_json. `passed` is an integer 0/1, which reads back the same on both backends.
 */
export function gatesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('gate_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('candidate_id', 'text', (c) => c.notNull().references('model_versions.id'))
        .addColumn('against_id', 'text', (c) => c.references('model_versions.id'))
        .addColumn('passed', 'integer', (c) => c.notNull())
        .addColumn('record_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema.createIndex('gate_records_use_case_created').on('gate_records').columns(['use_case_id', 'created_at']).execute();
      await db.schema.createIndex('gate_records_candidate').on('gate_records').columns(['candidate_id', 'passed']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('gate_records').execute();
    },
  };
}
