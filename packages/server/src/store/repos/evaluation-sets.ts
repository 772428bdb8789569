// Evaluation sets: named per use case, versions appended (never updated), each version's rows in one artifact.
import type { Kysely } from 'kysely';
import type { Database, EvaluationSetVersionsTable, EvaluationSetsTable } from '../schema.js';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

export interface EvaluationSetRecord {
  id: string;
  useCaseId: string;
  name: string;
  description: string;
  createdAt: string;
  createdBy: string;
}

/** `source` is `unknown` here: the evaluate stage owns its shape and parses it with its schema. */
export interface EvaluationSetVersionRecord {
  setId: string;
  version: number;
  /** Rows in this version: the previous version's plus `addedRows`. */
  rowCount: number;
  addedRows: number;
  source: unknown;
  note: string;
  /** The artifact holding every row of this version; its sha256 is the version's content hash. */
  artifactSha256: string;
  createdAt: string;
  createdBy: string;
}

export interface EvaluationSetsRepo {
  /** The set (use case, name) names, creating it with this record when there is none; concurrent callers get the same set. */
  ensure(set: EvaluationSetRecord): Promise<EvaluationSetRecord>;
  get(useCaseId: string, name: string): Promise<EvaluationSetRecord | null>;
  /** By name. */
  listForUseCase(useCaseId: string): Promise<EvaluationSetRecord[]>;
  /** Inserts exactly this version number; false (nothing written) when another append took it first. No update exists. */
  insertVersion(version: EvaluationSetVersionRecord): Promise<boolean>;
  getVersion(setId: string, version: number): Promise<EvaluationSetVersionRecord | null>;
  latestVersion(setId: string): Promise<EvaluationSetVersionRecord | null>;
  /** Oldest first (version 1, 2, ...). */
  listVersions(setId: string): Promise<EvaluationSetVersionRecord[]>;
}

function toSet(row: EvaluationSetsTable): EvaluationSetRecord {
  return { id: row.id, useCaseId: row.use_case_id, name: row.name, description: row.description, createdAt: row.created_at, createdBy: row.created_by };
}

function toVersion(row: EvaluationSetVersionsTable): EvaluationSetVersionRecord {
  return {
    setId: row.set_id,
    version: Number(row.version),
    rowCount: Number(row.row_count),
    addedRows: Number(row.added_rows),
    source: fromJsonColumn(row.source_json),
    note: row.note,
    artifactSha256: row.artifact_sha256,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function evaluationSetsRepo(db: Kysely<Database>): EvaluationSetsRepo {
  const get = async (useCaseId: string, name: string) => {
    const row = await db.selectFrom('evaluation_sets').selectAll().where('use_case_id', '=', useCaseId).where('name', '=', name).executeTakeFirst();
    return row === undefined ? null : toSet(row);
  };
  return {
    async ensure(s) {
      // ON CONFLICT DO NOTHING rather than catching a unique violation: on PostgreSQL a failed
      // statement would abort the caller's transaction.
      await db
        .insertInto('evaluation_sets')
        .values({ id: s.id, use_case_id: s.useCaseId, name: s.name, description: s.description, created_at: s.createdAt, created_by: s.createdBy })
        .onConflict((oc) => oc.columns(['use_case_id', 'name']).doNothing())
        .execute();
      return (await get(s.useCaseId, s.name))!;
    },
    get,
    async listForUseCase(useCaseId) {
      const rows = await db.selectFrom('evaluation_sets').selectAll().where('use_case_id', '=', useCaseId).orderBy('name').execute();
      return rows.map(toSet);
    },
    async insertVersion(v) {
      const inserted = await db
        .insertInto('evaluation_set_versions')
        .values({
          set_id: v.setId,
          version: v.version,
          row_count: v.rowCount,
          added_rows: v.addedRows,
          source_json: toJsonColumn(v.source),
          note: v.note,
          artifact_sha256: v.artifactSha256,
          created_at: v.createdAt,
          created_by: v.createdBy,
        })
        .onConflict((oc) => oc.columns(['set_id', 'version']).doNothing())
        .returning('version')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async getVersion(setId, version) {
      const row = await db.selectFrom('evaluation_set_versions').selectAll().where('set_id', '=', setId).where('version', '=', version).executeTakeFirst();
      return row === undefined ? null : toVersion(row);
    },
    async latestVersion(setId) {
      const row = await db.selectFrom('evaluation_set_versions').selectAll().where('set_id', '=', setId).orderBy('version', 'desc').limit(1).executeTakeFirst();
      return row === undefined ? null : toVersion(row);
    },
    async listVersions(setId) {
      const rows = await db.selectFrom('evaluation_set_versions').selectAll().where('set_id', '=', setId).orderBy('version').execute();
      return rows.map(toVersion);
    },
  };
}
