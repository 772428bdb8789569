// The typed table as a stored artifact: a JSON header, then one little-endian binary blob per column.
import { ShopfloorError } from '@shopfloor/contracts';
import type { TypedColumn, TypedTable } from './typed-table.js';

/*
 * Layout (version 1), chosen so a 10,000-row table loads in a few milliseconds and reads the same
 * on any host (explicit little-endian, no reliance on the platform's byte order):
 *
 *   0..3        "SFTT"
 *   4..7        H = byte length of the header (uint32 LE)
 *   8..8+H      header, UTF-8 JSON:
 *                 { format: 'shopfloor-typed-table', version: 1, rows,
 *                   columns: [{ name, kind, offset, length, levels? }] }
 *               (no file name: the same content uploaded under two names is one artifact)
 *   body        starts at the first multiple of 8 at or after 8 + H; column k occupies
 *               body[offset .. offset + length), each blob starting on a multiple of 8:
 *                 numeric, timestamp   float64 LE x rows      (NaN = missing)
 *                 categorical          int32 LE x rows        (-1 = missing; levels in the header)
 *                 boolean              uint8 x rows           (0, 1, 255 = missing)
 *                 id                   UTF-8 JSON array of strings and nulls
 */

export const TABLE_FILE_FORMAT = 'shopfloor-typed-table';
export const TABLE_FILE_VERSION = 1;
const MAGIC = 'SFTT';

interface ColumnEntry {
  name: string;
  kind: TypedColumn['kind'];
  offset: number;
  length: number;
  levels?: string[];
}

interface Header {
  format: string;
  version: number;
  rows: number;
  columns: ColumnEntry[];
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

function columnBlob(column: TypedColumn): Uint8Array {
  switch (column.kind) {
    case 'numeric':
    case 'timestamp': {
      const out = new Uint8Array(column.values.length * 8);
      const view = new DataView(out.buffer);
      column.values.forEach((v, r) => view.setFloat64(r * 8, v, true));
      return out;
    }
    case 'categorical': {
      const out = new Uint8Array(column.codes.length * 4);
      const view = new DataView(out.buffer);
      column.codes.forEach((v, r) => view.setInt32(r * 4, v, true));
      return out;
    }
    case 'boolean':
      return Uint8Array.from(column.values);
    case 'id':
      return Buffer.from(JSON.stringify(column.values), 'utf8');
  }
}

/** Serialises a typed table's columns; decodeTypedTable(encodeTypedTable(t), { fileName: t.fileName }) equals t. */
export function encodeTypedTable(table: TypedTable): Buffer {
  const blobs = table.columns.map(columnBlob);
  const entries: ColumnEntry[] = [];
  let offset = 0;
  table.columns.forEach((column, k) => {
    const length = blobs[k]!.byteLength;
    entries.push({ name: column.name, kind: column.kind, offset, length, ...(column.kind === 'categorical' ? { levels: [...column.levels] } : {}) });
    offset = align8(offset + length);
  });
  const header: Header = { format: TABLE_FILE_FORMAT, version: TABLE_FILE_VERSION, rows: table.rows, columns: entries };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const bodyStart = align8(8 + headerBytes.byteLength);
  const out = Buffer.alloc(bodyStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.byteLength, 4);
  headerBytes.copy(out, 8);
  entries.forEach((e, k) => out.set(blobs[k]!, bodyStart + e.offset));
  return out;
}

function corrupt(sha256: string, why: string): ShopfloorError {
  return new ShopfloorError('ARTIFACT_CORRUPT', `Stored dataset table ${sha256} cannot be read: ${why}`, { sha256, why });
}

function readHeader(bytes: Uint8Array, sha256: string): { header: Header; bodyStart: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.byteLength < 8 || buf.toString('latin1', 0, 4) !== MAGIC) throw corrupt(sha256, 'not a typed table (no SFTT mark)');
  const headerLength = buf.readUInt32LE(4);
  if (8 + headerLength > buf.byteLength) throw corrupt(sha256, 'the header runs past the end');
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as Header;
  } catch (e) {
    throw corrupt(sha256, `the header is not JSON (${(e as Error).message})`);
  }
  if (header.format !== TABLE_FILE_FORMAT || header.version !== TABLE_FILE_VERSION) {
    throw corrupt(sha256, `format ${String(header.format)} version ${String(header.version)} is not ${TABLE_FILE_FORMAT} ${TABLE_FILE_VERSION}`);
  }
  return { header, bodyStart: align8(8 + headerLength) };
}

function decodeColumn(e: ColumnEntry, rows: number, view: DataView, bytes: Uint8Array, start: number, sha256: string): TypedColumn {
  const expect = (length: number) => {
    if (e.length !== length || start + length > bytes.byteLength) throw corrupt(sha256, `column "${e.name}" has ${e.length} bytes, expected ${length}`);
  };
  switch (e.kind) {
    case 'numeric':
    case 'timestamp': {
      expect(rows * 8);
      const values = new Float64Array(rows);
      for (let r = 0; r < rows; r++) values[r] = view.getFloat64(start + r * 8, true);
      return { name: e.name, kind: e.kind, values };
    }
    case 'categorical': {
      expect(rows * 4);
      const codes = new Int32Array(rows);
      for (let r = 0; r < rows; r++) codes[r] = view.getInt32(start + r * 4, true);
      return { name: e.name, kind: 'categorical', codes, levels: e.levels ?? [] };
    }
    case 'boolean':
      expect(rows);
      return { name: e.name, kind: 'boolean', values: new Uint8Array(bytes.subarray(start, start + rows)) };
    case 'id': {
      const values = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + start, e.length).toString('utf8')) as (string | null)[];
      if (!Array.isArray(values) || values.length !== rows) throw corrupt(sha256, `id column "${e.name}" does not hold ${rows} values`);
      return { name: e.name, kind: 'id', values };
    }
  }
}

/** Reads a table written by encodeTypedTable; ARTIFACT_CORRUPT (naming the artifact) when the bytes do not fit the layout. */
export function decodeTypedTable(bytes: Uint8Array, source: { fileName: string; sha256?: string }): TypedTable {
  const sha256 = source.sha256 ?? 'unknown';
  const { header, bodyStart } = readHeader(bytes, sha256);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const columns = header.columns.map((e) => decodeColumn(e, header.rows, view, bytes, bodyStart + e.offset, sha256));
  return { fileName: source.fileName, rows: header.rows, columns };
}
