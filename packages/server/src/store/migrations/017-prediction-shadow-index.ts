// Migration 017: shadow and mirror answers keep one time index, (use_case_id, at, model_version_id), instead of two.
import type { Kysely, Migration } from 'kysely';

/*
 * As for the predictions in 016: every index a row lands in is a page rewritten (and copied to the WAL)
 * per commit. (use_case_id, at, model_version_id) serves both readers of the old pair: the verdict
 * (a use case's answers since a time, of two versions, filtered from the index itself) and retention,
 * which now deletes per use case (`use_case_id in (select id from use_cases) and at < ?`). The index on
 * prediction_id stays: a prediction's detail lists its shadows.
 */
export function predictionShadowIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('prediction_shadows_use_case_at_version').on('prediction_shadows').columns(['use_case_id', 'at', 'model_version_id']).execute();
      for (const index of ['prediction_shadows_version_at', 'prediction_shadows_at']) await db.schema.dropIndex(index).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.createIndex('prediction_shadows_version_at').on('prediction_shadows').columns(['use_case_id', 'model_version_id', 'at']).execute();
      await db.schema.createIndex('prediction_shadows_at').on('prediction_shadows').column('at').execute();
      await db.schema.dropIndex('prediction_shadows_use_case_at_version').execute();
    },
  };
}
