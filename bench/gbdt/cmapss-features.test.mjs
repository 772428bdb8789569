// Tests for the C-MAPSS window features: window of 30 per unit, restart at each unit, std 0 for one value.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { WINDOW, windowFeatures } from './cmapss-features.mjs';

test('rolling mean and std cover the last 30 cycles of the same unit only', () => {
  const rows = [];
  for (let unit = 1; unit <= 2; unit++) for (let cycle = 1; cycle <= 40; cycle++) rows.push([unit, cycle, 0, 0, 0, unit * 1000 + cycle * cycle]);
  const out = windowFeatures(rows, [5]);
  const at = (i) => Array.from(out.subarray(i * 3, i * 3 + 3));
  assert.deepEqual(at(0), [1001, 1001, 0]); // one value: std 0
  const i = 35; // unit 1, cycle 36: window cycles 7..36
  const vals = rows.slice(i - WINDOW + 1, i + 1).map((r) => r[5]);
  const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
  const std = Math.sqrt(vals.reduce((a, v) => a + (v - mean) ** 2, 0) / (vals.length - 1));
  assert.deepEqual(at(i), [rows[i][5], mean, std]);
  assert.deepEqual(at(40), [2001, 2001, 0]); // first cycle of unit 2 does not see unit 1
});
