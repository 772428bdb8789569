// Use cases: the decision a plant makes; the spec (target, features, entity, time, costs) is stored as JSON.
import type { Kysely } from 'kysely';
import { ShopfloorError, type Task } from '@shopfloor/contracts';
import type { Database, UseCasesTable } from '../schema.js';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import { isUniqueViolation } from '../sql-errors.js';

/** `spec` and `split` are `unknown` here: the use-case stage owns their shape and parses them with its schema. */
export interface UseCaseRecord {
  id: string;
  name: string;
  task: Task;
  spec: unknown;
  datasetVersionId: string;
  split: unknown;
  createdAt: string;
  createdBy: string;
}

export interface UseCasesRepo {
  /** Throws USE_CASE_EXISTS when the id is taken. */
  insert(useCase: UseCaseRecord): Promise<UseCaseRecord>;
  get(id: string): Promise<UseCaseRecord | null>;
  list(): Promise<UseCaseRecord[]>;
}

function toUseCase(row: UseCasesTable): UseCaseRecord {
  return {
    id: row.id,
    name: row.name,
    task: row.task,
    spec: fromJsonColumn(row.spec_json),
    datasetVersionId: row.dataset_version_id,
    split: fromJsonColumn(row.split_json),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function useCasesRepo(db: Kysely<Database>): UseCasesRepo {
  return {
    async insert(u) {
      try {
        await db
          .insertInto('use_cases')
          .values({
            id: u.id,
            name: u.name,
            task: u.task,
            spec_json: toJsonColumn(u.spec),
            dataset_version_id: u.datasetVersionId,
            split_json: toJsonColumn(u.split),
            created_at: u.createdAt,
            created_by: u.createdBy,
          })
          .execute();
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw new ShopfloorError('USE_CASE_EXISTS', `A use case with id "${u.id}" exists already`, { id: u.id });
        }
        throw e;
      }
      return u;
    },
    async get(id) {
      const row = await db.selectFrom('use_cases').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toUseCase(row);
    },
    async list() {
      const rows = await db.selectFrom('use_cases').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toUseCase);
    },
  };
}
