// Migration 010: the prediction log: every prediction served, its shadow and mirror answers, and the feedback it got.
import type { Kysely, Migration } from 'kysely';

/*
 * predictions: one row per predicted row, written by the serve stage's group-commit writer before the
 * answer is sent. `at` is ISO 8601 UTC text like the rest of the store (fixed width from toISOString, so
 * text order is time order); lists run newest first on (use_case_id, at) or (use_case_id, entity, at).
 * decision, act and score are copied out of output_json so queries and verdicts need not parse it.
 *
 * prediction_shadows: best-effort rows, written after the answer in their own batches; no foreign key,
 * so one shadow of a pruned prediction cannot fail its whole batch.
 *
 * prediction_feedback: verdicts, outcomes and overrides, appended, never edited.
 */
export function predictionLogMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('predictions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('entity', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('model_version_id', 'text', (c) => c.notNull().references('model_versions.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('act', 'integer')
        .addColumn('score', 'double precision')
        .addColumn('latency_ms', 'double precision', (c) => c.notNull())
        .addColumn('input_json', 'text', (c) => c.notNull())
        .addColumn('output_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('predictions_use_case_at').on('predictions').columns(['use_case_id', 'at']).execute();
      await db.schema.createIndex('predictions_use_case_entity_at').on('predictions').columns(['use_case_id', 'entity', 'at']).execute();
      await db.schema.createIndex('predictions_at').on('predictions').column('at').execute();
      await db.schema
        .createTable('prediction_shadows')
        .addColumn('prediction_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('model_version_id', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('output_json', 'text')
        .addColumn('error', 'text')
        .addColumn('latency_ms', 'double precision', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('prediction_shadows_prediction').on('prediction_shadows').column('prediction_id').execute();
      await db.schema.createIndex('prediction_shadows_version_at').on('prediction_shadows').columns(['use_case_id', 'model_version_id', 'at']).execute();
      await db.schema.createIndex('prediction_shadows_at').on('prediction_shadows').column('at').execute();
      await db.schema
        .createTable('prediction_feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('prediction_id', 'text', (c) => c.notNull().references('predictions.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('outcome_json', 'text')
        .addColumn('decision', 'text')
        .addColumn('reason_code', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('by_user', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('prediction_feedback_prediction').on('prediction_feedback').column('prediction_id').execute();
      await db.schema.createIndex('prediction_feedback_use_case_kind').on('prediction_feedback').columns(['use_case_id', 'kind']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['prediction_feedback', 'prediction_shadows', 'predictions']) await db.schema.dropTable(table).execute();
    },
  };
}
