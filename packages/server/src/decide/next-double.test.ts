import { describe, expect, it } from 'vitest';
import { nextDown, nextUp } from './next-double.js';

describe('adjacent doubles', () => {
  it('steps one unit in the last place above and below', () => {
    for (const x of [0.5, 0.1, 1, 123.456, -0.3, -1, 1e-300, 5e-324]) {
      const up = nextUp(x);
      const down = nextDown(x);
      expect(up).toBeGreaterThan(x);
      expect(down).toBeLessThan(x);
      expect((x + up) / 2 === x || (x + up) / 2 === up).toBe(true);
      expect((x + down) / 2 === x || (x + down) / 2 === down).toBe(true);
    }
  });
  it('crosses zero', () => {
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(nextUp(-Number.MIN_VALUE) === 0).toBe(true);
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
  });
});
