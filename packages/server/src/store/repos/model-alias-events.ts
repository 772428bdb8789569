// Alias history: every move or removal of a model alias, numbered per use case and never edited.
import { sql, type Kysely } from 'kysely';
import type { Database, ModelAliasEventsTable } from '../schema.js';

export interface AliasEventRecord {
  id: string;
  useCaseId: string;
  /** Assigned by the store on insert: one more than the use case's highest. */
  seq: number;
  alias: string;
  /** Null when the alias was removed. */
  modelVersionId: string | null;
  /** Null the first time the alias was set. */
  previousModelVersionId: string | null;
  reason: string;
  at: string;
  by: string;
}

export type NewAliasEvent = Omit<AliasEventRecord, 'seq'>;

export interface AliasEventsRepo {
  /** Appends with the next number of the use case; there is deliberately no update or delete. */
  append(event: NewAliasEvent): Promise<AliasEventRecord>;
  /** Newest first; `alias` narrows to one alias. */
  listForUseCase(useCaseId: string, alias?: string): Promise<AliasEventRecord[]>;
}

function toEvent(row: ModelAliasEventsTable): AliasEventRecord {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    seq: Number(row.seq),
    alias: row.alias,
    modelVersionId: row.model_version_id,
    previousModelVersionId: row.previous_model_version_id,
    reason: row.reason,
    at: row.at,
    by: row.moved_by,
  };
}

const MAX_ATTEMPTS = 5;

export function aliasEventsRepo(db: Kysely<Database>): AliasEventsRepo {
  return {
    async append(e) {
      // As for model version numbers: the number is computed inside the INSERT, and a concurrent
      // writer that took it first makes this row skip (no aborted transaction) and try the next one.
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const inserted = await db
          .insertInto('model_alias_events')
          .values({
            id: e.id,
            use_case_id: e.useCaseId,
            seq: sql<number>`(select coalesce(max(seq), 0) + 1 from model_alias_events where use_case_id = ${e.useCaseId})`,
            alias: e.alias,
            model_version_id: e.modelVersionId,
            previous_model_version_id: e.previousModelVersionId,
            reason: e.reason,
            at: e.at,
            moved_by: e.by,
          })
          .onConflict((oc) => oc.columns(['use_case_id', 'seq']).doNothing())
          .returning('seq')
          .executeTakeFirst();
        if (inserted !== undefined) return { ...e, seq: Number(inserted.seq) };
      }
      throw new Error(`could not number an alias event of use case ${e.useCaseId} after ${MAX_ATTEMPTS} attempts`);
    },
    async listForUseCase(useCaseId, alias) {
      let q = db.selectFrom('model_alias_events').selectAll().where('use_case_id', '=', useCaseId);
      if (alias !== undefined) q = q.where('alias', '=', alias);
      const rows = await q.orderBy('seq', 'desc').execute();
      return rows.map(toEvent);
    },
  };
}
