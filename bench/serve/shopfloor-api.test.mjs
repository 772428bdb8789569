// bench:serve's request bodies: held-out AI4I rows of the demo use case, each carrying its own machine (UDI).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ai4iRows, predictBodies } from './shopfloor-api.mjs';

const CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/server/data/ai4i2020/ai4i2020.csv');

describe('bench:serve bodies', () => {
  it('takes held-out rows (UDI % 5 == 0) in file order with typed values and distinct entities', () => {
    const rows = ai4iRows(CSV, 64);
    expect(rows).toHaveLength(64);
    expect(rows.map((r) => r.UDI).slice(0, 3)).toEqual([5, 10, 15]);
    expect(new Set(rows.map((r) => r.UDI)).size).toBe(64);
    expect(rows.every((r) => r.UDI % 5 === 0 && ['L', 'M', 'H'].includes(r.Type) && typeof r['Torque [Nm]'] === 'number')).toBe(true);
  });

  it('asks for five contributions only in the explained case', () => {
    const [row] = ai4iRows(CSV, 1);
    expect(JSON.parse(predictBodies([row], { explain: false })[0])).toEqual({ row });
    expect(JSON.parse(predictBodies([row], { explain: true })[0])).toEqual({ row, explain: true, topContributions: 5 });
  });
});
