// Tests for the metrics: AUC against the pairwise definition (ties count half), numpy's percentile.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { median, percentile, rmse, rocAuc } from './metrics.mjs';

function naiveAuc(y, s) {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < y.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      den++;
      num += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return num / den;
}

test('AUC equals the share of positive-negative pairs ranked right, ties counting half', () => {
  for (let trial = 0; trial < 20; trial++) {
    const n = 50 + trial * 7;
    const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const s = Array.from({ length: n }, () => Math.round(Math.random() * 10) / 10); // many ties
    assert.ok(Math.abs(rocAuc(y, s) - naiveAuc(y, s)) < 1e-12);
  }
  assert.throws(() => rocAuc([1, 1], [0.2, 0.3]), /one class/);
});

test('percentile interpolates like numpy and rmse is the root mean square', () => {
  assert.equal(median([3, 1, 2, 10]), 2.5);
  assert.equal(percentile([1, 2, 3, 4, 5], 99), 4.96);
  assert.equal(rmse([1, 2], [1, 4]), Math.sqrt(2));
});
