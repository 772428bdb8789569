// Chart scales: pixel maps, round ticks, padded extents and beeswarm stacking.
import { describe, expect, it } from 'vitest';
import { extent, linearScale, niceTicks, swarmOffsets } from './chart-scale.js';

describe('chart scales', () => {
  it('maps a domain onto pixels, flipping for a y axis', () => {
    const x = linearScale([0, 1], [40, 440]);
    expect(x(0)).toBe(40);
    expect(x(0.5)).toBe(240);
    const y = linearScale([0, 10], [300, 20]);
    expect(y(10)).toBe(20);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it('picks round ticks of 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1168, 2886, 4)).toEqual([1500, 2000, 2500]);
    expect(niceTicks(-0.3, 0.25, 5)).toEqual([-0.2, 0, 0.2]);
    expect(niceTicks(-0.3, 0.25, 10)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2]);
    expect(niceTicks(2, 2)).toEqual([2]);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });

  it('pads an extent and widens a single value', () => {
    expect(extent([1, 3], 0.5)).toEqual([0, 4]);
    expect(extent([5])).toEqual([4, 6]);
    expect(extent([])).toEqual([0, 1]);
  });

  it('stacks dots at the same place alternately up and down, and leaves lone dots on the line', () => {
    expect(swarmOffsets([0, 0, 0, 100], 3, 20).map((o) => Math.round(o * 10) / 10)).toEqual([0, -4.8, 4.8, 0]);
    expect(swarmOffsets(Array.from({ length: 40 }, () => 10), 3, 10).every((o) => Math.abs(o) <= 10)).toBe(true);
  });
});
