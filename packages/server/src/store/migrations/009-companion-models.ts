// Migration 009: companion models, a model version's twins trained without one sensor input each, kept for good.
import type { Kysely, Migration } from 'kysely';

/*
 * One row per (model version, left-out input), written once and never changed (append-only: a second
 * request for the same pair finds the stored one). The model file is an artifact (sha256, like model
 * versions); metrics, decision rule and inputs live in record_json.
 */
export function companionModelsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('companion_models')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('model_version_id', 'text', (c) => c.notNull().references('model_versions.id'))
        .addColumn('left_out', 'text', (c) => c.notNull())
        .addColumn('artifact_sha256', 'text', (c) => c.notNull().references('artifacts.sha256'))
        .addColumn('record_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('companion_models_version_left_out', ['model_version_id', 'left_out'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('companion_models').execute();
    },
  };
}
