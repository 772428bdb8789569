// Known limits: the one editable text attached to an immutable model version, with who wrote it last and when.
import type { Kysely } from 'kysely';
import type { Database, ModelKnownLimitsTable } from '../schema.js';

export interface KnownLimitsRecord {
  modelVersionId: string;
  text: string;
  updatedAt: string;
  updatedBy: string;
}

export interface KnownLimitsRepo {
  /** Creates or replaces the text of one model version. */
  set(limits: KnownLimitsRecord): Promise<KnownLimitsRecord>;
  get(modelVersionId: string): Promise<KnownLimitsRecord | null>;
}

function toLimits(row: ModelKnownLimitsTable): KnownLimitsRecord {
  return { modelVersionId: row.model_version_id, text: row.text, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export function knownLimitsRepo(db: Kysely<Database>): KnownLimitsRepo {
  return {
    async set(l) {
      await db
        .insertInto('model_known_limits')
        .values({ model_version_id: l.modelVersionId, text: l.text, updated_at: l.updatedAt, updated_by: l.updatedBy })
        .onConflict((oc) => oc.column('model_version_id').doUpdateSet({ text: l.text, updated_at: l.updatedAt, updated_by: l.updatedBy }))
        .execute();
      return l;
    },
    async get(modelVersionId) {
      const row = await db.selectFrom('model_known_limits').selectAll().where('model_version_id', '=', modelVersionId).executeTakeFirst();
      return row === undefined ? null : toLimits(row);
    },
  };
}
