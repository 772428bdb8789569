// Reference bins: decile edges (repeated ones merged), counts with the missing bin last, levels with an unseen bin.
import { describe, expect, it } from 'vitest';
import { binLabels, categoricalBins, countLevels, countNumeric, numericBins } from './bins.js';

describe('reference bins', () => {
  it('cuts numeric values at interpolated quantiles and counts edge values into the lower bin', () => {
    const bins = numericBins(Float64Array.from({ length: 10 }, (_, i) => i + 1), 4);
    expect(bins.edges).toEqual([3.25, 5.5, 7.75]);
    expect([...countNumeric(bins, [1, 3.25, 3.26, 5.5, 8, 100, Number.NaN])]).toEqual([2, 2, 0, 2, 1]);
    expect(binLabels(bins)).toEqual(['<= 3.25', '(3.25, 5.5]', '(5.5, 7.75]', '> 7.75', 'missing']);
  });

  it('merges repeated edges of a discrete reading and ignores missing values when cutting', () => {
    const bins = numericBins([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, Number.NaN, Number.NaN]);
    expect(bins.edges).toHaveLength(3);
    expect(bins.edges[0]).toBe(0);
    expect(bins.edges[1]).toBeCloseTo(0.2, 12);
    expect(bins.edges[2]).toBe(1);
    expect([...countNumeric(bins, [0, 0, 1, 2, Number.NaN])]).toEqual([2, 0, 1, 1, 1]);
    expect(binLabels(bins)).toEqual(['<= 0', '(0, 0.2]', '(0.2, 1]', '> 1', 'missing']);
  });

  it('has only the all and missing bins for a column that is never present', () => {
    const bins = numericBins([Number.NaN, Number.NaN]);
    expect(bins.edges).toEqual([]);
    expect([...countNumeric(bins, [3, Number.NaN])]).toEqual([1, 1]);
    expect(() => numericBins([1, 2], 1)).toThrow(RangeError);
  });

  it('counts levels in the reference order, then unseen levels, then missing', () => {
    const bins = categoricalBins(['L', 'M', 'H']);
    expect([...countLevels(bins, ['L', 'L', 'X', null, 'H'])]).toEqual([2, 0, 1, 1, 1]);
    expect(binLabels(bins)).toEqual(['L', 'M', 'H', 'unseen', 'missing']);
  });
});
