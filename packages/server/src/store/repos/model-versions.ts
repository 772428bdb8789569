// Model versions: immutable records of one training, numbered 1, 2, 3... within their use case.
import { sql, type Kysely } from 'kysely';
import type { Database, ModelVersionsTable } from '../schema.js';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

/** JSON fields are `unknown` here: the learn/evaluate stages own their shape and parse them with their schemas. */
export interface ModelVersionRecord {
  id: string;
  useCaseId: string;
  /** Assigned by the store on insert: one more than the use case's highest version. */
  version: number;
  datasetVersionId: string;
  params: unknown;
  codeVersion: string;
  metrics: unknown;
  expectedCostPer1000: number | null;
  /** The decision rule (threshold or cost matrix use) chosen on validation data. */
  threshold: unknown;
  artifactSha256: string;
  createdAt: string;
  createdBy: string;
}

export type NewModelVersion = Omit<ModelVersionRecord, 'version'>;

export interface ModelVersionsRepo {
  /** Inserts with the next version number of the use case; there is deliberately no update. */
  insert(model: NewModelVersion): Promise<ModelVersionRecord>;
  get(id: string): Promise<ModelVersionRecord | null>;
  getByNumber(useCaseId: string, version: number): Promise<ModelVersionRecord | null>;
  /** Oldest first (version 1, 2, ...). */
  listForUseCase(useCaseId: string): Promise<ModelVersionRecord[]>;
}

function toModelVersion(row: ModelVersionsTable): ModelVersionRecord {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    version: Number(row.version),
    datasetVersionId: row.dataset_version_id,
    params: fromJsonColumn(row.params_json),
    codeVersion: row.code_version,
    metrics: fromJsonColumn(row.metrics_json),
    expectedCostPer1000: row.expected_cost_per_1000 === null ? null : Number(row.expected_cost_per_1000),
    threshold: fromJsonColumn(row.threshold_json),
    artifactSha256: row.artifact_sha256,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

const MAX_ATTEMPTS = 5;

export function modelVersionsRepo(db: Kysely<Database>): ModelVersionsRepo {
  return {
    async insert(m) {
      // The number is computed inside the INSERT; two concurrent trainings on PostgreSQL may compute the
      // same one, so the loser's row is skipped by ON CONFLICT (no aborted transaction) and it tries again.
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const inserted = await db
          .insertInto('model_versions')
          .values({
            id: m.id,
            use_case_id: m.useCaseId,
            version: sql<number>`(select coalesce(max(version), 0) + 1 from model_versions where use_case_id = ${m.useCaseId})`,
            dataset_version_id: m.datasetVersionId,
            params_json: toJsonColumn(m.params),
            code_version: m.codeVersion,
            metrics_json: toJsonColumn(m.metrics),
            expected_cost_per_1000: m.expectedCostPer1000,
            threshold_json: toJsonColumn(m.threshold),
            artifact_sha256: m.artifactSha256,
            created_at: m.createdAt,
            created_by: m.createdBy,
          })
          .onConflict((oc) => oc.columns(['use_case_id', 'version']).doNothing())
          .returning('version')
          .executeTakeFirst();
        if (inserted !== undefined) return { ...m, version: Number(inserted.version) };
      }
      throw new Error(`could not number a new model version of use case ${m.useCaseId} after ${MAX_ATTEMPTS} attempts`);
    },
    async get(id) {
      const row = await db.selectFrom('model_versions').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toModelVersion(row);
    },
    async getByNumber(useCaseId, version) {
      const row = await db
        .selectFrom('model_versions')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .where('version', '=', version)
        .executeTakeFirst();
      return row === undefined ? null : toModelVersion(row);
    },
    async listForUseCase(useCaseId) {
      const rows = await db
        .selectFrom('model_versions')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .orderBy('version')
        .execute();
      return rows.map(toModelVersion);
    },
  };
}
