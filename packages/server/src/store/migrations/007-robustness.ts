// Migration 007: sensor-robustness records, one per replay of a model version's benchmark with each sensor failed, kept for good.
import type { Kysely, Migration } from 'kysely';

/*
 * A record is written once and never changed (append-only, keyed by model version): the model card
 * reads the newest for its version. The ranked sensors, every (sensor, mode) outcome and the settings
 * live in record_json; the version and the time are columns so "newest for this version" is an index read.
 */
export function robustnessMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('robustness_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('model_version_id', 'text', (c) => c.notNull().references('model_versions.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('record_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('robustness_records_version_seq', ['model_version_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('robustness_records').execute();
    },
  };
}
