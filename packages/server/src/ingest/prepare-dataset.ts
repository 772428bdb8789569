// prepareDataset: bytes -> parsed, inferred, typed, described dataset; pure, so the store only persists it.
import type { ColumnKind, ColumnStats } from '@shopfloor/contracts';
import { tableStats } from './column-stats.js';
import { contentHash, datasetVersionId, describeImport, type ImportDescription } from './content-hash.js';
import { parseCsv } from './csv-parse.js';
import { IngestError } from './errors.js';
import type { ColumnSchema } from './infer-schema.js';
import { parseParquet } from './parquet-parse.js';
import type { RawTable } from './raw-table.js';
import { loadTimeZone } from './time-zone.js';
import { inferAndType } from './type-columns.js';
import type { TypedTable } from './typed-table.js';

export type DatasetFormat = 'csv' | 'parquet';

export interface PrepareOptions {
  readonly fileName: string;
  /** Detected from the bytes (Parquet magic) when absent. */
  readonly format?: DatasetFormat;
  readonly delimiter?: string;
  readonly decimal?: '.' | ',';
  readonly missing?: readonly string[];
  readonly timeZone: string;
  readonly overrides?: Readonly<Record<string, ColumnKind>>;
}

export interface PreparedDataset {
  readonly format: DatasetFormat;
  readonly contentSha256: string;
  readonly raw: RawTable;
  readonly schema: readonly ColumnSchema[];
  readonly typed: TypedTable;
  /** Parallel to schema. */
  readonly stats: readonly ColumnStats[];
  readonly description: ImportDescription;
  /** datasetVersionId(description): equal for the same bytes and the same effective options. */
  readonly versionId: string;
}

/** Parquet when the bytes carry its magic, CSV for text; spreadsheets and other binaries are refused. */
export function detectFormat(bytes: Uint8Array, fileName: string): DatasetFormat {
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  if (head === 'PAR1') return 'parquet';
  if (head === 'PK\u0003\u0004' || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    throw new IngestError(
      'DATASET_FORMAT_UNSUPPORTED',
      `${fileName} is a spreadsheet workbook (xlsx/xls); export the sheet as "CSV UTF-8" or Parquet`,
      { file: fileName },
    );
  }
  if (/\.parquet$/i.test(fileName)) {
    throw new IngestError('DATASET_PARQUET_MALFORMED', `${fileName}: not a Parquet file (no PAR1 mark at the start)`, {
      file: fileName,
    });
  }
  return 'csv';
}

export async function parseTable(bytes: Uint8Array, options: PrepareOptions, format: DatasetFormat): Promise<RawTable> {
  const { fileName, delimiter, decimal, missing } = options;
  if (format === 'parquet') return parseParquet(bytes, { fileName });
  return parseCsv(bytes, {
    fileName,
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(decimal === undefined ? {} : { decimal }),
    ...(missing === undefined ? {} : { missing }),
  });
}

export async function prepareDataset(bytes: Uint8Array, options: PrepareOptions): Promise<PreparedDataset> {
  const zone = loadTimeZone(options.timeZone);
  const format = options.format ?? detectFormat(bytes, options.fileName);
  const raw = await parseTable(bytes, options, format);
  const { schema, typed } = inferAndType(raw, {
    timeZone: zone.name,
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  const contentSha256 = contentHash(bytes);
  const description = describeImport({ contentSha256, table: raw, schema, timeZone: zone.name });
  return {
    format,
    contentSha256,
    raw,
    schema,
    typed,
    stats: tableStats(typed),
    description,
    versionId: datasetVersionId(description),
  };
}
