import { describe, expect, it } from 'vitest';
import { mae, rmse } from './regression.js';

describe('regression metrics', () => {
  it('are exact on a hand-checked example', () => {
    // errors 3, -4, 0, 1: squares 9 + 16 + 0 + 1 = 26 -> sqrt(6.5); absolute 8 / 4 = 2.
    expect(rmse([10, 20, 30, 40], [7, 24, 30, 39])).toBe(Math.sqrt(6.5));
    expect(mae([10, 20, 30, 40], [7, 24, 30, 39])).toBe(2);
  });
  it('keep small errors next to a large one (compensated sum)', () => {
    // 1e16 + 1 rounds back to 1e16 in doubles, so a naive running sum loses all four unit errors.
    const truths = [1e16, 1, 1, 1, 1];
    const preds = [0, 0, 0, 0, 0];
    const naive = truths.reduce((s, t, i) => s + Math.abs(t - preds[i]!), 0) / 5;
    expect(naive).toBe(2e15);
    expect(mae(truths, preds)).toBe((1e16 + 4) / 5);
    expect(mae(truths, preds)).not.toBe(naive);
  });
  it('name a missing prediction', () => {
    expect(() => rmse([1, 2], [1, NaN])).toThrow(/predictions: row 1 is NaN/);
  });
});
