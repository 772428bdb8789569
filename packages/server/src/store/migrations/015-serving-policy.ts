// Migration 015: the serving policies of use cases, append-only: every change numbered per use case, the newest in force.
import type { Kysely, Migration } from 'kysely';

/*
 * Like fallback rules (008): rows are never updated, so who changed how the line is served, when and
 * why stays complete. A use case with no row is served with the defaults (contracts' DEFAULT_SERVING_POLICY).
 */
export function servingPolicyMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('serving_policies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('out_of_range', 'text', (c) => c.notNull())
        .addColumn('low_confidence_band', 'double precision')
        .addColumn('model_timeout_ms', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('serving_policies_use_case_seq', ['use_case_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('serving_policies').execute();
    },
  };
}
