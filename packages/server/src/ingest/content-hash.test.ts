// Content addressing: the same bytes with the same effective options give the same version id, and only then.
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, datasetVersionId } from './content-hash.js';
import { prepareDataset, type PrepareOptions } from './prepare-dataset.js';

const csv = Buffer.from('time;temp;line\n2024-01-01 10:00;21,5;A\n2024-01-01 11:00;22,5;B\n2024-01-01 12:00;23;A\n', 'utf8');
const base: PrepareOptions = { fileName: 'a.csv', timeZone: 'Europe/Berlin' };
const versionOf = async (bytes: Uint8Array, options: Partial<PrepareOptions> = {}) =>
  (await prepareDataset(bytes, { ...base, ...options })).versionId;

describe('contentHash', () => {
  it('is the sha256 hex of the bytes', () => {
    expect(contentHash(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('dataset version id', () => {
  it('is stable for the same file and options, whatever the file name or how options were spelled', async () => {
    const id = await versionOf(csv);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await versionOf(csv, { fileName: 'renamed.csv' })).toBe(id);
    expect(await versionOf(Buffer.from(csv), { delimiter: ';', decimal: ',' })).toBe(id); // sniffed = given
    expect(await versionOf(csv, { timeZone: 'europe/berlin' })).toBe(id); // canonical zone name
    expect(await versionOf(csv, { overrides: { line: 'categorical' } })).toBe(id); // override equal to inference
  });

  it('changes with the bytes, with options that change the result, and with the zone of local timestamps', async () => {
    const id = await versionOf(csv);
    expect(await versionOf(Buffer.concat([csv, Buffer.from('2024-01-01 13:00;23;A\n')]))).not.toBe(id);
    expect(await versionOf(csv, { overrides: { line: 'id' } })).not.toBe(id);
    expect(await versionOf(csv, { missing: ['-'] })).not.toBe(id);
    expect(await versionOf(csv, { timeZone: 'UTC' })).not.toBe(id);
  });

  it('ignores the time zone when no column is a timestamp', async () => {
    const plain = Buffer.from('a,b\n1,x\n2,y\n');
    expect(await versionOf(plain, { timeZone: 'UTC' })).toBe(await versionOf(plain, { timeZone: 'Asia/Tokyo' }));
  });

  it('hashes a canonical JSON whose key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    const description = {
      ingestCodeVersion: 1, contentSha256: 'x', format: 'csv' as const, csv: null, timeZone: null, columns: [],
    };
    const reordered = { columns: [], timeZone: null, csv: null, format: 'csv' as const, contentSha256: 'x', ingestCodeVersion: 1 };
    expect(datasetVersionId(reordered)).toBe(datasetVersionId(description));
  });
});
