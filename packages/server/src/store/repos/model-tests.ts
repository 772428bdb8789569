// Model tests: declared once per use case under a unique name, listed in declaration order; never edited.
import { sql, type Kysely } from 'kysely';
import { ShopfloorError } from '@shopfloor/contracts';
import type { Database, ModelTestsTable } from '../schema.js';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

/** `spec` is `unknown` here: the evaluate stage owns its shape and parses it with its schema. */
export interface ModelTestRecord {
  id: string;
  useCaseId: string;
  name: string;
  kind: string;
  spec: unknown;
  createdAt: string;
  createdBy: string;
}

export interface ModelTestsRepo {
  /** MODEL_TEST_EXISTS when the use case has a test of this name already. There is no update or delete. */
  insert(test: ModelTestRecord): Promise<ModelTestRecord>;
  get(useCaseId: string, name: string): Promise<ModelTestRecord | null>;
  /** In declaration order. */
  listForUseCase(useCaseId: string): Promise<ModelTestRecord[]>;
}

function toTest(row: ModelTestsTable): ModelTestRecord {
  return { id: row.id, useCaseId: row.use_case_id, name: row.name, kind: row.kind, spec: fromJsonColumn(row.spec_json), createdAt: row.created_at, createdBy: row.created_by };
}

const MAX_ATTEMPTS = 5;

export function modelTestsRepo(db: Kysely<Database>): ModelTestsRepo {
  const get = async (useCaseId: string, name: string) => {
    const row = await db.selectFrom('model_tests').selectAll().where('use_case_id', '=', useCaseId).where('name', '=', name).executeTakeFirst();
    return row === undefined ? null : toTest(row);
  };
  return {
    async insert(t) {
      // The position is computed inside the INSERT; a concurrent declaration may take it first, and
      // ON CONFLICT (any unique key, so no aborted PostgreSQL transaction) skips the row: then either
      // the name is taken, or the position was, and it tries again.
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const inserted = await db
          .insertInto('model_tests')
          .values({
            id: t.id,
            use_case_id: t.useCaseId,
            name: t.name,
            position: sql<number>`(select coalesce(max(position), 0) + 1 from model_tests where use_case_id = ${t.useCaseId})`,
            kind: t.kind,
            spec_json: toJsonColumn(t.spec),
            created_at: t.createdAt,
            created_by: t.createdBy,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted !== undefined) return t;
        if ((await get(t.useCaseId, t.name)) !== null) {
          throw new ShopfloorError('MODEL_TEST_EXISTS', `Use case "${t.useCaseId}" has a model test named "${t.name}" already; tests are never edited, declare one under a new name`, {
            useCaseId: t.useCaseId,
            name: t.name,
          });
        }
      }
      throw new Error(`could not number a new model test of use case ${t.useCaseId} after ${MAX_ATTEMPTS} attempts`);
    },
    get,
    async listForUseCase(useCaseId) {
      const rows = await db.selectFrom('model_tests').selectAll().where('use_case_id', '=', useCaseId).orderBy('position').execute();
      return rows.map(toTest);
    },
  };
}
