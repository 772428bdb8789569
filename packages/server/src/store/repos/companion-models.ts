// Companion models: stored once per (model version, left-out input), read by the companions API and by serving.
import type { Kysely } from 'kysely';
import { CompanionModel } from '@shopfloor/contracts';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { CompanionModelsTable, Database } from '../schema.js';

export interface CompanionModelsRepo {
  /** Appends; false (and nothing written) when the version already has a companion for that input. Never updated. */
  insert(companion: CompanionModel): Promise<boolean>;
  /** A version's companions, by left-out input name. */
  list(modelVersionId: string): Promise<CompanionModel[]>;
  get(modelVersionId: string, leftOut: string): Promise<CompanionModel | null>;
}

function toCompanion(row: CompanionModelsTable): CompanionModel {
  return CompanionModel.parse(fromJsonColumn(row.record_json));
}

export function companionModelsRepo(db: Kysely<Database>): CompanionModelsRepo {
  const of = (modelVersionId: string) => db.selectFrom('companion_models').selectAll().where('model_version_id', '=', modelVersionId);
  return {
    async insert(c) {
      // ON CONFLICT keeps the first of two racing trainings without aborting a PostgreSQL transaction.
      const inserted = await db
        .insertInto('companion_models')
        .values({
          id: c.id,
          use_case_id: c.useCaseId,
          model_version_id: c.modelVersionId,
          left_out: c.leftOut,
          artifact_sha256: c.artifactSha256,
          record_json: toJsonColumn(c),
          created_at: c.createdAt,
          created_by: c.createdBy,
        })
        .onConflict((oc) => oc.columns(['model_version_id', 'left_out']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async list(modelVersionId) {
      const rows = await of(modelVersionId).orderBy('left_out').execute();
      return rows.map(toCompanion);
    },
    async get(modelVersionId, leftOut) {
      const row = await of(modelVersionId).where('left_out', '=', leftOut).executeTakeFirst();
      return row === undefined ? null : toCompanion(row);
    },
  };
}
