// parseCsv: the CSV dialects plants export, and malformed files rejected with file, line and column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvOptions } from './csv-parse.js';
import { IngestError } from './errors.js';
import type { RawTable, RawTextColumn } from './raw-table.js';
import { cellString } from './text-cells.js';

const parse = (text: string | Uint8Array, options: Partial<CsvOptions> = {}): RawTable =>
  parseCsv(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { fileName: 't.csv', ...options });

/** Column `name` as strings, exactly as cellString decodes them. */
function texts(table: RawTable, name: string): string[] {
  const col = table.columns.indexOf(name);
  const column = table.cells[col] as RawTextColumn;
  return Array.from({ length: table.rows }, (_, r) => cellString(column, r));
}

function thrown(fn: () => unknown): IngestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error('expected an IngestError');
}

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('parseCsv reads the dialects plants export', () => {
  it('strips a UTF-8 byte order mark from the first column name', () => {
    const t = parse('\uFEFFUDI,Type\n1,M\n');
    expect(t.columns).toEqual(['UDI', 'Type']);
    expect(texts(t, 'UDI')).toEqual(['1']);
  });

  it('reads CRLF line endings without leaving carriage returns in cells', () => {
    const t = parse('a,b\r\n1,2\r\n3,4\r\n');
    expect(t.rows).toBe(2);
    expect(texts(t, 'b')).toEqual(['2', '4']);
    expect(Array.from(t.lineOfRow!)).toEqual([2, 3]);
  });

  it('reads a file without a final line break, and old Mac CR-only line breaks', () => {
    expect(texts(parse('a,b\n1,2'), 'b')).toEqual(['2']);
    const mac = parse('a,b\r1,2\r3,4\r');
    expect(texts(mac, 'a')).toEqual(['1', '3']);
    expect(Array.from(mac.lineOfRow!)).toEqual([2, 3]);
  });

  it('keeps delimiters, line breaks and doubled quotes inside quoted fields', () => {
    const t = parse('id,note,value\n1,"a, b",2\n2,"line one\nline two",3\n3,"say ""hi""",4\n4,"",5\n');
    expect(texts(t, 'note')).toEqual(['a, b', 'line one\nline two', 'say "hi"', '']);
    expect(texts(t, 'value')).toEqual(['2', '3', '4', '5']);
    // the row after the two-line cell starts on line 5
    expect(Array.from(t.lineOfRow!)).toEqual([2, 3, 5, 6]);
  });

  it('trims spaces around unquoted cells and allows spaces around quoted ones, keeping spaces inside quotes', () => {
    const t = parse('a , b\n 1 ,  " x " \n');
    expect(t.columns).toEqual(['a', 'b']);
    expect(texts(t, 'a')).toEqual(['1']);
    expect(texts(t, 'b')).toEqual([' x ']);
  });

  it('keeps a quote in the middle of an unquoted cell as a character (5" pipe)', () => {
    expect(texts(parse('size,n\n5" pipe,1\n'), 'size')).toEqual(['5" pipe']);
  });

  it('sniffs ";" and decimal comma in a European spreadsheet export', () => {
    const t = parse('Temperatur;Druck;Linie\n21,5;1,013;A\n22,0;0,998;B\n');
    expect(t.delimiter).toBe(';');
    expect(t.decimal).toBe(',');
    expect(texts(t, 'Temperatur')).toEqual(['21,5', '22,0']);
  });

  it('keeps "." as decimal separator for ";" files written with decimal points', () => {
    const t = parse('a;b\n1.5;2.25\n3.5;4\n');
    expect(t.delimiter).toBe(';');
    expect(t.decimal).toBe('.');
  });

  it('sniffs tab and pipe delimiters', () => {
    const tab = parse('a\tb\tc\n1,5\t2\tx y\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.decimal).toBe(',');
    expect(texts(tab, 'c')).toEqual(['x y']);
    expect(parse('a|b\n1|2\n').delimiter).toBe('|');
  });

  it('prefers the delimiter that splits every sampled line the same way', () => {
    // commas appear in the text but only ";" gives every line 3 fields
    const t = parse('name;comment;value\nx;a, b, c;1\ny;d;2\n');
    expect(t.delimiter).toBe(';');
    expect(texts(t, 'comment')).toEqual(['a, b, c', 'd']);
  });

  it('uses the delimiter and decimal it is given instead of sniffing', () => {
    const t = parse('a;b\n1,5;2\n', { delimiter: ';', decimal: '.' });
    expect(t.decimal).toBe('.');
    expect(texts(parse('a,b\n1;2,3\n', { delimiter: ',' }), 'a')).toEqual(['1;2']);
  });

  it('records the default missing markers, or the caller list plus the empty cell', () => {
    expect(parse('a\n1\n').missing).toEqual(expect.arrayContaining(['', 'NA', 'NaN', 'null', '-']));
    expect(parse('a\n1\n', { missing: ['?'] }).missing).toEqual(['', '?']);
  });

  it('skips blank lines between and after rows', () => {
    const t = parse('\n\na,b\n1,2\n\n   \n3,4\n\n');
    expect(t.rows).toBe(2);
    expect(Array.from(t.lineOfRow!)).toEqual([4, 7]);
  });

  it('keeps a line of tabs in a tab-separated file as a row of empty cells', () => {
    const t = parse('a\tb\n1\t2\n\t\n', { delimiter: '\t' });
    expect(t.rows).toBe(2);
    expect(texts(t, 'b')).toEqual(['2', '']);
  });

  it('names an unnamed header column column_N (pandas writes one for its index)', () => {
    expect(parse(',a,b\n0,1,2\n').columns).toEqual(['column_1', 'a', 'b']);
  });

  it('reads the European fixture: BOM, CRLF, ";", decimal comma, quoted ";" and a two-line cell', () => {
    const t = parseCsv(fixture('european-export.csv'), { fileName: 'european-export.csv' });
    expect(t.columns).toEqual(['Zeitstempel', 'Anlage', 'Temperatur [°C]', 'Drehmoment [Nm]', 'Ausschuss', 'Bemerkung']);
    expect(t.delimiter).toBe(';');
    expect(t.decimal).toBe(',');
    expect(t.rows).toBe(5);
    expect(texts(t, 'Bemerkung')).toEqual(['ok; geprüft', '', 'Riss "klein"', 'mehrzeilig\r\nzweite Zeile', '-']);
    expect(Array.from(t.lineOfRow!)).toEqual([2, 3, 4, 5, 7]);
  });
});

describe('parseCsv rejects malformed files naming file, line and column', () => {
  it('reports a ragged row with its line and both field counts', () => {
    const e = thrown(() => parse('a,b,c\n1,2,3\n4,5\n'));
    expect(e.code).toBe('DATASET_RAGGED_ROW');
    expect(e.status).toBe(400);
    expect(e.message).toBe('t.csv line 3: expected 3 fields as in the header, found 2');
    expect(e.details).toMatchObject({ line: 3, expected: 3, received: 2 });
  });

  it('reports a row with too many fields after a multi-line cell on its true line', () => {
    const e = thrown(() => parse('a,b\n"x\ny",1\n2,3,4\n'));
    expect(e.message).toBe('t.csv line 4: expected 2 fields as in the header, found 3');
  });

  it('reports an unterminated quote at the line and column where it opens', () => {
    const text = ['UDI,Type,Air,Torque [Nm]', '1,M,298.1,42.8', '2,L,298.2,"46.3', '3,L,298.1,49.4'].join('\n');
    const e = thrown(() => parse(text, { fileName: 'ai4i.csv' }));
    expect(e.code).toBe('DATASET_CSV_MALFORMED');
    expect(e.message).toBe('ai4i.csv line 3, column 4 (Torque [Nm]): unterminated quoted field (the quote opened here is never closed)');
    expect(e.details).toMatchObject({ file: 'ai4i.csv', line: 3, column: 4, columnName: 'Torque [Nm]' });
  });

  it('reports a character after a closing quote', () => {
    const e = thrown(() => parse('a,b\n1,"x"y\n', { fileName: 'f.csv' }));
    expect(e.code).toBe('DATASET_CSV_MALFORMED');
    expect(e.message).toMatch(/^f\.csv line 2, column 2 \(b\): unexpected "y" after the closing quote/);
  });

  it('rejects an empty file and a file of blank lines', () => {
    for (const text of ['', '\n\n', '\uFEFF']) {
      const e = thrown(() => parse(text));
      expect(e.code).toBe('DATASET_EMPTY');
      expect(e.message).toBe('t.csv: the file is empty (no header line)');
    }
  });

  it('rejects a header without data rows', () => {
    const e = thrown(() => parse('a,b,c\r\n'));
    expect(e.code).toBe('DATASET_EMPTY');
    expect(e.message).toBe('t.csv: the file has a header but no data rows');
  });

  it('rejects two columns with the same name, naming both positions', () => {
    const e = thrown(() => parse('a,b,a\n1,2,3\n'));
    expect(e.code).toBe('DATASET_DUPLICATE_COLUMN');
    expect(e.message).toBe('t.csv line 1: columns 1 and 3 are both named "a"');
  });

  it('rejects a file that is not UTF-8, naming the line', () => {
    const latin1 = Buffer.from('name,temp\nok,1\nM\xfcller,2\n', 'latin1');
    const e = thrown(() => parse(latin1));
    expect(e.code).toBe('DATASET_CSV_MALFORMED');
    expect(e.message).toMatch(/^t\.csv line 3: the file is not UTF-8 \(byte 0xFC/);
  });

  it('rejects unusable options', () => {
    expect(thrown(() => parse('a\n1\n', { delimiter: '""' })).code).toBe('VALIDATION_FAILED');
    expect(thrown(() => parse('a\n1\n', { delimiter: '"' })).details).toMatchObject({ option: 'delimiter' });
    expect(thrown(() => parse('a\n1\n', { decimal: ';' as ',' })).details).toMatchObject({ option: 'decimal' });
  });
});

/** Naive twin: a character-by-character RFC 4180 reader, used only to check parseCsv. */
function naiveCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  return records;
}

describe('parseCsv agrees with a naive reader', () => {
  it('on random tables with quotes, delimiters, line breaks and non-ASCII text in cells', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alphabet = ['a', 'Z', '1', '.', ',', ';', '"', '\n', 'ü', '°', '€', '-', '|', '\t'];
    for (let trial = 0; trial < 200; trial++) {
      const delimiter = [',', ';', '\t', '|'][trial % 4]!;
      const cols = 1 + Math.floor(random() * 5);
      const rows = 1 + Math.floor(random() * 20);
      const header = Array.from({ length: cols }, (_, c) => `col${c}`);
      const body = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => {
          // first character is a letter so no cell is empty (a 1-column blank line is skipped by design)
          let s = 'x';
          const n = Math.floor(random() * 8);
          for (let k = 0; k < n; k++) s += alphabet[Math.floor(random() * alphabet.length)]!;
          return s;
        }),
      );
      const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const text = [header, ...body].map((r) => r.map(quote).join(delimiter)).join('\n') + '\n';
      const t = parse(text, { delimiter });
      const expected = naiveCsv(text, delimiter);
      expect(t.columns).toEqual(expected[0]);
      for (const [c, name] of header.entries()) {
        expect(texts(t, name)).toEqual(expected.slice(1).map((r) => r[c]));
      }
    }
  });
});
