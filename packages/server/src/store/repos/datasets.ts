// Datasets (a named series of imports) and their immutable, content-addressed versions.
import type { Kysely } from 'kysely';
import type { Database, DatasetVersionsTable, DatasetsTable } from '../schema.js';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

export interface Dataset {
  id: string;
  name: string;
  createdAt: string;
}

/** JSON fields are `unknown` here: the ingest stage owns their shape and parses them with its schema. */
export interface DatasetVersionRecord {
  /** Content address chosen by ingest (hash of the bytes and the import options). */
  id: string;
  datasetId: string;
  fileName: string;
  format: 'csv' | 'parquet';
  options: unknown;
  schema: unknown;
  stats: unknown;
  rowCount: number;
  /** The typed table, serialized, in the artifacts table. */
  artifactSha256: string;
  createdAt: string;
  createdBy: string;
}

export interface DatasetsRepo {
  /** Returns the dataset with this name, creating it (with `id`) if there is none. */
  ensure(dataset: Dataset): Promise<Dataset>;
  get(id: string): Promise<Dataset | null>;
  getByName(name: string): Promise<Dataset | null>;
  list(): Promise<Dataset[]>;
}

export interface DatasetVersionsRepo {
  /**
   * Inserts a version unless one with the same id exists; then returns the stored record and whether
   * this call created it. Versions are immutable: an existing record is returned untouched.
   */
  insert(version: DatasetVersionRecord): Promise<{ version: DatasetVersionRecord; created: boolean }>;
  get(id: string): Promise<DatasetVersionRecord | null>;
  /** Newest first. */
  listForDataset(datasetId: string): Promise<DatasetVersionRecord[]>;
}

function toDataset(row: DatasetsTable): Dataset {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

function toVersion(row: DatasetVersionsTable): DatasetVersionRecord {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    fileName: row.file_name,
    format: row.format,
    options: fromJsonColumn(row.options_json),
    schema: fromJsonColumn(row.schema_json),
    stats: fromJsonColumn(row.stats_json),
    rowCount: row.row_count,
    artifactSha256: row.artifact_sha256,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function datasetsRepo(db: Kysely<Database>): DatasetsRepo {
  const byName = (name: string) => db.selectFrom('datasets').selectAll().where('name', '=', name).executeTakeFirst();
  return {
    async ensure(d) {
      await db
        .insertInto('datasets')
        .values({ id: d.id, name: d.name, created_at: d.createdAt })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await byName(d.name);
      if (row === undefined) throw new Error(`dataset "${d.name}" vanished right after insert`);
      return toDataset(row);
    },
    async get(id) {
      const row = await db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toDataset(row);
    },
    async getByName(name) {
      const row = await byName(name);
      return row === undefined ? null : toDataset(row);
    },
    async list() {
      const rows = await db.selectFrom('datasets').selectAll().orderBy('name').execute();
      return rows.map(toDataset);
    },
  };
}

export function datasetVersionsRepo(db: Kysely<Database>): DatasetVersionsRepo {
  const get = async (id: string) => {
    const row = await db.selectFrom('dataset_versions').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toVersion(row);
  };
  return {
    async insert(v) {
      const result = await db
        .insertInto('dataset_versions')
        .values({
          id: v.id,
          dataset_id: v.datasetId,
          file_name: v.fileName,
          format: v.format,
          options_json: toJsonColumn(v.options),
          schema_json: toJsonColumn(v.schema),
          stats_json: toJsonColumn(v.stats),
          row_count: v.rowCount,
          artifact_sha256: v.artifactSha256,
          created_at: v.createdAt,
          created_by: v.createdBy,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      const stored = await get(v.id);
      if (stored === null) throw new Error(`dataset version ${v.id} vanished right after insert`);
      return { version: stored, created: Number(result.numInsertedOrUpdatedRows ?? 0n) > 0 };
    },
    get,
    async listForDataset(datasetId) {
      const rows = await db
        .selectFrom('dataset_versions')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toVersion);
    },
  };
}
