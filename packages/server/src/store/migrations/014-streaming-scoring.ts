// Migration 014: scoring readings as they arrive, one setting per use case (enabled, interval, staleness, sensor map, constants).
import type { Kysely, Migration } from 'kysely';

/* One row per use case, replaced on each change; every change is also in the audit log. */
export function streamingScoringMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('streaming_scoring')
        .addColumn('use_case_id', 'text', (c) => c.primaryKey().references('use_cases.id'))
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('interval_ms', 'integer', (c) => c.notNull())
        .addColumn('max_age_ms', 'integer', (c) => c.notNull())
        .addColumn('sensors_json', 'text', (c) => c.notNull())
        .addColumn('constants_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('streaming_scoring').execute();
    },
  };
}
