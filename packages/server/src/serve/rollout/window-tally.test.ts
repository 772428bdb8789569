// The serving tally: bounded per variant with amortized trimming, windows by time.
import { describe, expect, it } from 'vitest';
import { createWindowTally } from './window-tally.js';

describe('window tally', () => {
  it('keeps at least the newest `limit` rows per variant and never a quarter more', () => {
    const tally = createWindowTally(8);
    const held: number[] = [];
    for (let i = 0; i < 100; i++) {
      tally.answered('uc', 'mv_a', i, 1, i % 10 === 0);
      held.push(tally.window('uc', 'mv_a', 0, 1000).requests);
    }
    expect(Math.min(...held.slice(8))).toBe(8);
    expect(Math.max(...held)).toBe(9); // 8 + ceil(8 / 4) - 1: cut back to 8 on reaching 10
    // The newest rows are the ones kept: a window over the last 8 times sees 8 rows.
    expect(tally.window('uc', 'mv_a', 92, 100).requests).toBe(8);
    expect(tally.window('uc', 'mv_b', 0, 1000).requests).toBe(0);
  });

  it('counts errors, p99 latency of the answered rows, and disagreements inside [from, to)', () => {
    const tally = createWindowTally();
    for (let i = 0; i < 100; i++) tally.answered('uc', 'mv_a', i, i + 1, i === 5);
    for (let i = 0; i < 10; i++) tally.compared('uc', 'mv_a', i, i % 3 !== 0);
    expect(tally.window('uc', 'mv_a', 0, 50)).toMatchObject({ requests: 50, errors: 1, latencyP99Ms: 50, compared: 10, disagreements: 4 });
    tally.reset('uc', 'mv_a');
    expect(tally.window('uc', 'mv_a', 0, 100)).toMatchObject({ requests: 0, compared: 0, latencyP99Ms: null });
  });
});
