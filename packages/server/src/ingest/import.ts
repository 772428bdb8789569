// The store-backed import: bytes -> prepared dataset -> typed-table artifact + immutable dataset version, in one transaction.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ColumnKind,
  ColumnStats,
  ShopfloorError,
  type DatasetVersion,
  type ImportDatasetQuery,
  type User,
} from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import { newId, type DatasetVersionRecord, type Repositories, type Store } from '../store/index.js';
import { canonicalJson } from './content-hash.js';
import { IngestError } from './errors.js';
import { prepareDataset, type DatasetFormat } from './prepare-dataset.js';
import { decodeTypedTable, encodeTypedTable } from './table-file.js';
import type { TypedTable } from './typed-table.js';

export interface ImportDeps {
  store: Store;
  clock: Clock;
  /** IANA zone for timestamps without an offset when the import names none. */
  siteTimeZone: string;
}

export interface ImportResult {
  version: DatasetVersion;
  /** False when the same bytes, options and dataset name were imported before: the stored version is returned. */
  created: boolean;
}

/** The JSON kept in dataset_versions.schema_json: one entry per column, in file order. */
const StoredSchema = z.array(z.object({ name: z.string(), kind: ColumnKind, inferred: ColumnKind, reason: z.string() }));
const StoredStats = z.array(ColumnStats);

/** `columnKinds` arrives as JSON text in the query string: {"UDI": "id", "Type": "categorical"}. */
function parseColumnKinds(text: string | undefined): Record<string, ColumnKind> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new IngestError('VALIDATION_FAILED', `query.columnKinds is not JSON: ${(e as Error).message}`, { option: 'columnKinds' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new IngestError('VALIDATION_FAILED', 'query.columnKinds must be a JSON object of column name -> kind', { option: 'columnKinds' });
  }
  // Kinds are checked by inferSchema (DATASET_SCHEMA_OVERRIDE_INVALID naming the column).
  return parsed as Record<string, ColumnKind>;
}

/** The version id: the ingest content address (bytes + effective options) within one dataset name. */
export function importVersionId(datasetName: string, preparedVersionId: string): string {
  return createHash('sha256').update(canonicalJson({ dataset: datasetName, import: preparedVersionId })).digest('hex');
}

function defaultFileName(name: string, format: DatasetFormat | undefined): string {
  return `${name}.${format === 'parquet' ? 'parquet' : 'csv'}`;
}

/**
 * Parses, infers, types and describes the file, then stores the typed table and the version record
 * together. A file that does not parse throws its IngestError (file, line, column) before anything is
 * written; a failure while writing rolls the whole import back.
 */
export async function importDataset(deps: ImportDeps, actor: User, bytes: Uint8Array, query: ImportDatasetQuery): Promise<ImportResult> {
  if (bytes.byteLength === 0) {
    throw new IngestError('DATASET_EMPTY', `${query.fileName ?? query.name}: the request carried no file`, { file: query.fileName ?? query.name });
  }
  const fileName = query.fileName ?? defaultFileName(query.name, query.format);
  const overrides = parseColumnKinds(query.columnKinds);
  const prepared = await prepareDataset(bytes, {
    fileName,
    timeZone: query.timeZone ?? deps.siteTimeZone,
    ...(query.format === undefined ? {} : { format: query.format }),
    ...(query.delimiter === undefined ? {} : { delimiter: query.delimiter }),
    ...(query.decimal === undefined ? {} : { decimal: query.decimal }),
    ...(overrides === undefined ? {} : { overrides }),
  });
  const id = importVersionId(query.name, prepared.versionId);
  const existing = await deps.store.datasetVersions.get(id);
  if (existing !== null) return { version: await toDatasetVersion(deps.store, existing), created: false };

  const now = deps.clock.now().toISOString();
  const tableBytes = encodeTypedTable(prepared.typed);
  return deps.store.transaction(async (tx) => {
    const artifactSha256 = await tx.artifacts.put('dataset', tableBytes, now);
    const dataset = await tx.datasets.ensure({ id: newId('ds'), name: query.name, createdAt: now });
    const { version: record, created } = await tx.datasetVersions.insert({
      id,
      datasetId: dataset.id,
      fileName,
      format: prepared.format,
      options: {
        description: prepared.description,
        requested: { format: query.format, delimiter: query.delimiter, decimal: query.decimal, timeZone: query.timeZone, columnKinds: overrides },
      },
      schema: prepared.schema.map((s) => ({ name: s.name, kind: s.kind, inferred: s.inferred, reason: s.reason })),
      stats: prepared.stats,
      rowCount: prepared.typed.rows,
      artifactSha256,
      createdAt: now,
      createdBy: actor.id,
    });
    if (created) {
      await tx.audit.append({
        id: newId('aud'),
        at: now,
        userId: actor.id,
        action: 'dataset.import',
        subject: `dataset-version:${id}`,
        details: { dataset: query.name, fileName, rows: prepared.typed.rows, columns: prepared.schema.length, format: prepared.format },
      });
    }
    return { version: toVersion(record, dataset.name), created };
  });
}

function toVersion(record: DatasetVersionRecord, datasetName: string): DatasetVersion {
  const schema = StoredSchema.parse(record.schema);
  const stats = StoredStats.parse(record.stats);
  return {
    id: record.id,
    datasetId: record.datasetId,
    datasetName,
    fileName: record.fileName,
    format: record.format,
    rowCount: record.rowCount,
    columns: schema.map((s, k) => ({ name: s.name, kind: s.kind, inferred: s.inferred, stats: stats[k] ?? { count: 0, missing: 0 } })),
    createdAt: record.createdAt,
    createdBy: record.createdBy,
  };
}

async function toDatasetVersion(repos: Repositories, record: DatasetVersionRecord): Promise<DatasetVersion> {
  const dataset = await repos.datasets.get(record.datasetId);
  if (dataset === null) throw new Error(`dataset version ${record.id} points at missing dataset ${record.datasetId}`);
  return toVersion(record, dataset.name);
}

function notFound(id: string): ShopfloorError {
  return new ShopfloorError('DATASET_NOT_FOUND', `No dataset version has id "${id}"`, { datasetVersionId: id });
}

/** DATASET_NOT_FOUND when there is no such version. */
export async function getDatasetVersion(repos: Repositories, id: string): Promise<DatasetVersion> {
  const record = await repos.datasetVersions.get(id);
  if (record === null) throw notFound(id);
  return toDatasetVersion(repos, record);
}

/** Every version of every dataset, newest first. */
export async function listDatasetVersions(repos: Repositories): Promise<DatasetVersion[]> {
  const out: DatasetVersion[] = [];
  for (const dataset of await repos.datasets.list()) {
    for (const record of await repos.datasetVersions.listForDataset(dataset.id)) out.push(toVersion(record, dataset.name));
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
}

/** The version and its typed table, read back from the (sha256-verified) artifact. */
export async function loadDatasetTable(repos: Repositories, id: string): Promise<{ version: DatasetVersion; table: TypedTable }> {
  const record = await repos.datasetVersions.get(id);
  if (record === null) throw notFound(id);
  const artifact = await repos.artifacts.get(record.artifactSha256);
  return { version: await toDatasetVersion(repos, record), table: decodeTypedTable(artifact.bytes, { fileName: record.fileName, sha256: record.artifactSha256 }) };
}
