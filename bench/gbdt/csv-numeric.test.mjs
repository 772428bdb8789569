// Tests for the streaming CSV reader: numbers as Number() reads them, BOM/CRLF/missing cells, lines cut by chunks, named errors.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseNumber, readCsvColumns } from './csv-numeric.mjs';

function tmpFile(text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-csv-'));
  const file = path.join(dir, 't.csv');
  fs.writeFileSync(file, text);
  return file;
}

test('parses every decimal form the same as Number()', () => {
  const samples = ['0', '-0', '1.5', '-0.0312', '007.250', '+3', '123456789012345', '1234567890.12345678', '0.1', '1e5', '-2.5E-3', '6.02e23', '1e-30', '.5', '5.', '298.1'];
  for (let i = 0; i < 2000; i++) samples.push(String(Math.round((Math.random() - 0.5) * 1e8) / 10 ** Math.floor(Math.random() * 8)));
  for (const s of samples) {
    const buf = Buffer.from(s, 'latin1');
    assert.ok(Object.is(parseNumber(buf, 0, buf.length), Number(s)), s);
  }
  assert.ok(Number.isNaN(parseNumber(Buffer.from(''), 0, 0)));
});

test('reads BOM, CRLF, empty cells as NaN, a last line without newline and sorted levels', () => {
  const file = tmpFile('\ufeffa,cat,skip,y\r\n1.5,k02,x,1\r\n,k00,y,0\r\n-2,k02,z,1');
  const t = readCsvColumns(file, { x: [{ name: 'a' }, { name: 'cat', levels: 'sorted' }], extra: [{ name: 'y' }] });
  assert.equal(t.nRows, 3);
  assert.deepEqual(Array.from(t.X), [1.5, 1, NaN, 0, -2, 1]);
  assert.deepEqual(Array.from(t.extra.y), [1, 0, 1]);
  assert.deepEqual(t.levels.cat, ['k00', 'k02']);
});

test('gives the same rows whatever the chunk size cuts lines at', () => {
  const lines = ['f0,f1,label'];
  for (let i = 0; i < 500; i++) lines.push(`${i / 7},${i % 3 === 0 ? '' : -i * 1.25},${i % 2}`);
  const file = tmpFile(lines.join('\n') + '\n');
  const spec = { x: [{ name: 'f0' }, { name: 'f1' }], extra: [{ name: 'label' }] };
  const whole = readCsvColumns(file, spec);
  for (const chunkBytes of [7, 64, 1000]) {
    const cut = readCsvColumns(file, { ...spec, chunkBytes });
    assert.equal(cut.nRows, 500);
    assert.deepEqual(Array.from(cut.X), Array.from(whole.X));
    assert.deepEqual(Array.from(cut.extra.label), Array.from(whole.extra.label));
  }
  assert.equal(readCsvColumns(file, { ...spec, maxRows: 10 }).nRows, 10);
});

test('names the file, line and column of bad input', () => {
  const bad = tmpFile('a,b\n1,2\n3,oops\n');
  assert.throws(() => readCsvColumns(bad, { x: [{ name: 'a' }, { name: 'b' }] }), /t\.csv line 3, column 2: 'oops' is not a number/);
  const short = tmpFile('a,b\n1,2\n3\n');
  assert.throws(() => readCsvColumns(short, { x: [{ name: 'a' }] }), /line 3: 1 fields; the header has 2/);
  const level = tmpFile('Type\nL\nX\n');
  assert.throws(() => readCsvColumns(level, { x: [{ name: 'Type', levels: ['L', 'M', 'H'] }] }), /line 3, column 'Type': unknown level 'X'/);
  assert.throws(() => readCsvColumns(level, { x: [{ name: 'Torque' }] }), /feature column 'Torque' is missing/);
});
