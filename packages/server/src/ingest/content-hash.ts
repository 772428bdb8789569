// Content addressing: sha256 of the file, and the version id of an import (file + everything that shapes the result).
import { createHash } from 'node:crypto';
import type { ColumnKind } from '@shopfloor/contracts';
import type { ColumnSchema } from './infer-schema.js';
import type { RawTable } from './raw-table.js';

/**
 * Bump when a change to the ingest code changes what the same file and options produce
 * (parsing, inference, typing), so old and new results get different version ids.
 */
export const INGEST_CODE_VERSION = 1;

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Everything that determines the typed dataset, and nothing else: the file name is left out (the
 * same bytes uploaded under two names are one version), the options are the resolved ones (a
 * sniffed ";" equals a given ";"), overrides appear only through the final kinds, and the time
 * zone only when a timestamp column could depend on it.
 */
export interface ImportDescription {
  readonly ingestCodeVersion: number;
  readonly contentSha256: string;
  readonly format: 'csv' | 'parquet';
  readonly csv: { readonly delimiter: string; readonly decimal: '.' | ','; readonly missing: readonly string[] } | null;
  readonly timeZone: string | null;
  readonly columns: readonly { readonly name: string; readonly kind: ColumnKind }[];
}

export function describeImport(args: {
  readonly contentSha256: string;
  readonly table: RawTable;
  readonly schema: readonly ColumnSchema[];
  /** Canonical IANA name (loadTimeZone(...).name), so "europe/berlin" and "Europe/Berlin" agree. */
  readonly timeZone: string;
}): ImportDescription {
  const { contentSha256, table, schema, timeZone } = args;
  const csv =
    table.format === 'csv'
      ? { delimiter: table.delimiter ?? ',', decimal: table.decimal, missing: [...new Set(table.missing)].sort() }
      : null;
  return {
    ingestCodeVersion: INGEST_CODE_VERSION,
    contentSha256,
    format: table.format,
    csv,
    timeZone: schema.some((s) => s.kind === 'timestamp') ? timeZone : null,
    columns: schema.map((s) => ({ name: s.name, kind: s.kind })),
  };
}

/** sha256 of the canonical JSON of the description: same file + same effective options = same id. */
export function datasetVersionId(description: ImportDescription): string {
  return createHash('sha256').update(canonicalJson(description)).digest('hex');
}

/** JSON with object keys sorted at every depth (arrays keep their order), so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}
