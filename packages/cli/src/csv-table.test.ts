// Reading prediction CSVs: quoting, line breaks in cells, sniffing, and errors that name the line.
import { describe, expect, it } from 'vitest';
import { readCsvTable, sniffDecimal, sniffDelimiter } from './csv-table.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('prediction CSV reader', () => {
  it('keeps delimiters, doubled quotes and line breaks inside quoted cells, and counts lines across them', () => {
    const table = readCsvTable(bytes('id,note,x\n1,"a, ""b""\nsecond line",2.5\n\n2,  plain  ,3\n'), 'rows.csv');
    expect(table.header).toEqual(['id', 'note', 'x']);
    expect(table.rows).toEqual([
      ['1', 'a, "b"\nsecond line', '2.5'],
      ['2', 'plain', '3'],
    ]);
    expect(table.lines).toEqual([2, 5]);
    expect(table.decimal).toBe('.');
  });

  it('sniffs tab, semicolon and pipe delimiters and the decimal comma', () => {
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('"a;b",c')).toBe(',');
    expect(sniffDelimiter('a|b|c')).toBe('|');
    expect(sniffDecimal([['1', '42,8']], ';')).toBe(',');
    expect(sniffDecimal([['1,5', '42.8']], ';')).toBe('.');
    expect(sniffDecimal([['42', '8']], ',')).toBe('.');
  });

  it('names the line of a ragged row and of an unclosed quote', () => {
    expect(() => readCsvTable(bytes('a,b\n1,2\n3\n'), 'bad.csv')).toThrow('bad.csv line 3: 1 fields, the header has 2');
    expect(() => readCsvTable(bytes('a,b\n1,"2\n3,4\n'), 'bad.csv')).toThrow('bad.csv line 2: a quoted field is never closed');
    expect(() => readCsvTable(bytes('a,b\n1,"2"x\n'), 'bad.csv')).toThrow('bad.csv line 2: unexpected "x" after a closing quote');
  });

  it('refuses a file without data rows', () => {
    expect(() => readCsvTable(bytes('a,b\n'), 'empty.csv')).toThrow('empty.csv: a header but no data rows');
    expect(() => readCsvTable(bytes(''), 'empty.csv')).toThrow('empty.csv: the file is empty');
  });
});
