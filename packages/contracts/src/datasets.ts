// Dataset versions: the immutable, content-addressed result of one import, with schema and statistics.
import { z } from 'zod';

export const COLUMN_KINDS = ['numeric', 'categorical', 'boolean', 'timestamp', 'id'] as const;
export const ColumnKind = z.enum(COLUMN_KINDS);
export type ColumnKind = z.infer<typeof ColumnKind>;

export const ColumnStats = z.object({
  count: z.number().int(),
  missing: z.number().int(),
  min: z.number().optional(),
  max: z.number().optional(),
  mean: z.number().optional(),
  std: z.number().optional(),
  quantiles: z.record(z.string(), z.number()).optional().describe('p01, p05, p25, p50, p75, p95, p99'),
  levels: z.array(z.object({ value: z.string(), count: z.number().int() })).optional(),
  distinct: z.number().int().optional(),
});
export type ColumnStats = z.infer<typeof ColumnStats>;

export const DatasetColumn = z.object({
  name: z.string(),
  kind: ColumnKind,
  inferred: ColumnKind.describe('What inference chose before any override'),
  stats: ColumnStats,
});
export type DatasetColumn = z.infer<typeof DatasetColumn>;

export const DatasetVersion = z.object({
  id: z.string().describe('Content address: sha256 of the file bytes and the import options'),
  datasetId: z.string(),
  datasetName: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'parquet']),
  rowCount: z.number().int(),
  columns: z.array(DatasetColumn),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type DatasetVersion = z.infer<typeof DatasetVersion>;

/** Query string of `POST /api/v1/datasets` (the body is the raw file). */
export const ImportDatasetQuery = z.object({
  name: z.string().min(1).max(200),
  fileName: z.string().optional(),
  format: z.enum(['csv', 'parquet']).optional(),
  delimiter: z.string().length(1).optional(),
  decimal: z.enum(['.', ',']).optional(),
  timeZone: z.string().optional().describe('IANA zone for timestamps without an offset; default the site zone'),
  columnKinds: z.string().optional().describe('JSON object: column name -> kind, overriding inference'),
});
export type ImportDatasetQuery = z.infer<typeof ImportDatasetQuery>;
