// Model aliases (champion, challenger, shadow): movable names pointing at one model version of a use case.
import type { Kysely } from 'kysely';
import { ShopfloorError } from '@shopfloor/contracts';
import type { Database, ModelAliasesTable } from '../schema.js';

export interface ModelAlias {
  useCaseId: string;
  alias: string;
  modelVersionId: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ModelAliasesRepo {
  /** Points the alias at the model version (creating or moving it). MODEL_NOT_FOUND if the version is not of this use case. */
  set(alias: ModelAlias): Promise<ModelAlias>;
  get(useCaseId: string, alias: string): Promise<ModelAlias | null>;
  listForUseCase(useCaseId: string): Promise<ModelAlias[]>;
  /** Returns false when the alias did not exist. */
  remove(useCaseId: string, alias: string): Promise<boolean>;
}

function toAlias(row: ModelAliasesTable): ModelAlias {
  return {
    useCaseId: row.use_case_id,
    alias: row.alias,
    modelVersionId: row.model_version_id,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function modelAliasesRepo(db: Kysely<Database>): ModelAliasesRepo {
  return {
    async set(a) {
      const model = await db
        .selectFrom('model_versions')
        .select('use_case_id')
        .where('id', '=', a.modelVersionId)
        .executeTakeFirst();
      if (model === undefined || model.use_case_id !== a.useCaseId) {
        throw new ShopfloorError(
          'MODEL_NOT_FOUND',
          `Use case "${a.useCaseId}" has no model version ${a.modelVersionId} to name "${a.alias}"`,
          { useCaseId: a.useCaseId, modelVersionId: a.modelVersionId, alias: a.alias },
        );
      }
      const row = {
        use_case_id: a.useCaseId,
        alias: a.alias,
        model_version_id: a.modelVersionId,
        updated_at: a.updatedAt,
        updated_by: a.updatedBy,
      };
      await db
        .insertInto('model_aliases')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['use_case_id', 'alias']).doUpdateSet({
            model_version_id: a.modelVersionId,
            updated_at: a.updatedAt,
            updated_by: a.updatedBy,
          }),
        )
        .execute();
      return a;
    },
    async get(useCaseId, alias) {
      const row = await db
        .selectFrom('model_aliases')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .where('alias', '=', alias)
        .executeTakeFirst();
      return row === undefined ? null : toAlias(row);
    },
    async listForUseCase(useCaseId) {
      const rows = await db
        .selectFrom('model_aliases')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .orderBy('alias')
        .execute();
      return rows.map(toAlias);
    },
    async remove(useCaseId, alias) {
      const result = await db
        .deleteFrom('model_aliases')
        .where('use_case_id', '=', useCaseId)
        .where('alias', '=', alias)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
