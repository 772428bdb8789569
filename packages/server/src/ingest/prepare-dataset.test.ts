// prepareDataset: the whole pure import (format, parse, infer, type, stats, version id) on CSV and Parquet.
import { readFileSync } from 'node:fs';
import { DatasetColumn } from '@shopfloor/contracts';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { IngestError } from './errors.js';
import { detectFormat, prepareDataset } from './prepare-dataset.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('prepareDataset', () => {
  it('imports the European CSV export with schema, typed columns and statistics the contracts accept', async () => {
    const prepared = await prepareDataset(fixture('european-export.csv'), { fileName: 'european-export.csv', timeZone: 'Europe/Berlin' });
    expect(prepared.format).toBe('csv');
    expect(prepared.schema.map((s) => s.kind)).toEqual(['timestamp', 'categorical', 'numeric', 'numeric', 'boolean', 'categorical']);
    expect(prepared.typed.rows).toBe(5);
    expect(prepared.stats[2]).toMatchObject({ count: 4, missing: 1, min: -3.5, max: 22 });
    expect(prepared.description).toMatchObject({ format: 'csv', csv: { delimiter: ';', decimal: ',' }, timeZone: 'Europe/Berlin' });
    for (const [k, s] of prepared.schema.entries()) {
      expect(() => DatasetColumn.parse({ name: s.name, kind: s.kind, inferred: s.inferred, stats: prepared.stats[k] })).not.toThrow();
    }
  });

  it('detects Parquet by its magic bytes whatever the file is called', async () => {
    const bytes = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'x', data: [1.5, 2.5], type: 'DOUBLE' }] }));
    const prepared = await prepareDataset(bytes, { fileName: 'upload.bin', timeZone: 'UTC' });
    expect(prepared.format).toBe('parquet');
    expect(prepared.stats[0]).toMatchObject({ count: 2, mean: 2 });
  });

  it('refuses a spreadsheet workbook and a .parquet file without the Parquet mark', () => {
    const xlsx = Buffer.from('PK\u0003\u0004rest-of-zip', 'latin1');
    expect(() => detectFormat(xlsx, 'plant.xlsx')).toThrow(IngestError);
    expect(() => detectFormat(xlsx, 'plant.xlsx')).toThrow('plant.xlsx is a spreadsheet workbook (xlsx/xls); export the sheet as "CSV UTF-8" or Parquet');
    expect(() => detectFormat(Buffer.from('a,b\n'), 'x.parquet')).toThrow(/not a Parquet file/);
    expect(detectFormat(Buffer.from('a,b\n'), 'x.csv')).toBe('csv');
  });

  it('rejects a bad time zone before reading the file', async () => {
    await expect(prepareDataset(Buffer.from('a\n1\n'), { fileName: 'a.csv', timeZone: 'Berlin' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
