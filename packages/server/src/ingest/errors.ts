// The ingest stage's error codes (HTTP status + one line each) and IngestError, the ShopfloorError it throws.
import { ShopfloorError } from '@shopfloor/contracts';

/**
 * Every code the ingest core can throw. Each one is also in the shared catalogue
 * (`@shopfloor/contracts` ERROR_CATALOGUE) with the same status; errors.test.ts checks that.
 */
export const INGEST_ERRORS = {
  DATASET_FORMAT_UNSUPPORTED: {
    status: 415,
    description: 'The file is neither CSV nor Parquet (for example an Excel workbook).',
  },
  DATASET_EMPTY: { status: 400, description: 'The file has no header or no data rows.' },
  DATASET_CSV_MALFORMED: {
    status: 400,
    description: 'The CSV cannot be parsed (unterminated quote, stray character after a quote, not UTF-8); the message names file, line and column.',
  },
  DATASET_RAGGED_ROW: {
    status: 400,
    description: 'A CSV row has more or fewer fields than the header; the message names the line and both counts.',
  },
  DATASET_DUPLICATE_COLUMN: { status: 400, description: 'Two columns have the same name; the message names both positions.' },
  DATASET_PARQUET_MALFORMED: {
    status: 400,
    description: 'The Parquet file cannot be read, has a nested or unsupported column, or holds a value a number cannot represent exactly.',
  },
  DATASET_CELL_INVALID: {
    status: 422,
    description: 'A cell cannot be read as its column kind; the message names file, line, column and value.',
  },
  DATASET_TIMESTAMP_INVALID: {
    status: 422,
    description: 'A timestamp cannot be parsed or does not exist in the site time zone (the skipped spring hour); the message names the cell.',
  },
  DATASET_SCHEMA_OVERRIDE_INVALID: {
    status: 422,
    description: 'A schema override names an unknown column or kind, or a kind the data cannot take (the first bad cell is named).',
  },
  VALIDATION_FAILED: {
    status: 400,
    description: 'An import option is invalid (delimiter, decimal, missing markers, time zone); details name the option.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The file is larger than the 4 GiB the CSV reader can address.' },
} as const satisfies Record<string, { status: 400 | 413 | 415 | 422; description: string }>;

export type IngestErrorCode = keyof typeof INGEST_ERRORS;

export const INGEST_ERROR_CODES = Object.keys(INGEST_ERRORS) as IngestErrorCode[];

/** Where a problem is: any of these that apply. `line` is the physical CSV line, `row` the 1-based data row. */
export interface IngestErrorDetails {
  readonly file?: string;
  readonly line?: number;
  readonly row?: number;
  readonly column?: number;
  readonly columnName?: string;
  readonly value?: string;
  readonly expected?: unknown;
  readonly received?: unknown;
  readonly option?: string;
  readonly [key: string]: unknown;
}

/** The only error the ingest core throws; it is a ShopfloorError, so the one HTTP handler presents it. */
export class IngestError extends ShopfloorError {
  declare readonly code: IngestErrorCode;
  constructor(code: IngestErrorCode, message: string, details: IngestErrorDetails = {}, options?: { cause?: unknown }) {
    super(code, message, { ...details }, options);
  }
}

export function isIngestError(e: unknown): e is IngestError {
  return e instanceof IngestError;
}
