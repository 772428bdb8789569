// Rules on the bundled AI4I 2020 benchmark rows (UDI divisible by 5), against counts made by hand with awk over the CSV.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InputRow } from '@shopfloor/contracts';
import { compileRule } from './compile.js';
import { AI4I_INPUTS } from './test-inputs.js';

const CSV = new URL('../../../data/ai4i2020/ai4i2020.csv', import.meta.url);

/** The 2,000 benchmark rows as request rows: numbers for the readings, the machine type as text. */
function benchmarkRows(): InputRow[] {
  const [header, ...lines] = readFileSync(CSV, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const names = header!.split(',');
  return lines
    .map((line) => line.split(','))
    .filter((cells) => Number(cells[0]) % 5 === 0)
    .map((cells) => Object.fromEntries(names.map((n, j) => [n, n === 'Type' || n === 'Product ID' ? cells[j]! : Number(cells[j])])));
}

const count = (text: string, rows: readonly InputRow[]) => {
  const rule = compileRule(text, AI4I_INPUTS);
  return rows.filter((r) => rule.evaluate(r)).length;
};

describe('fallback rules on the AI4I benchmark rows', () => {
  const rows = benchmarkRows();

  it('counts the rows where torque is over 60 Nm or the tool has worn 200 minutes, as awk does (202 of 2,000)', () => {
    // awk -F, 'NR>1 && $1%5==0 { n++; if ($7>60 || $8>=200) c++ } END { print n, c }' ai4i2020.csv  ->  2000 202
    expect(rows.length).toBe(2000);
    expect(count('`Torque [Nm]` > 60 or `Tool wear [min]` >= 200', rows)).toBe(202);
    expect(count('`Torque [Nm]` > 60', rows)).toBe(52);
    expect(count('`Tool wear [min]` >= 200', rows)).toBe(157);
    expect(count('`Torque [Nm]` > 60 and `Tool wear [min]` >= 200', rows)).toBe(52 + 157 - 202);
  });

  it('counts a categorical condition and a comparison of two inputs (heat dissipation, as the AI4I failure mode)', () => {
    expect(count('Type in ("L") and `Tool wear [min]` >= 200', rows)).toBe(107);
    expect(count('Type not in ("M", "H") and not (`Tool wear [min]` < 200)', rows)).toBe(107);
    expect(count('`Process temperature [K]` > `Air temperature [K]`', rows)).toBe(2000);
  });

  it('with the torque sensor knocked out (missing), only the wear half of the rule still fires', () => {
    const knocked = rows.map((r) => ({ ...r, 'Torque [Nm]': null }));
    expect(count('`Torque [Nm]` > 60 or `Tool wear [min]` >= 200', knocked)).toBe(157);
    expect(count('`Torque [Nm]` is missing', knocked)).toBe(2000);
  });
});
