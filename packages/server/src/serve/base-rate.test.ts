// Reading the held-out event rate back from a version's no-model baseline, the rate the fallback rule's decisions are priced at.
import { describe, expect, it } from 'vitest';
import type { BinaryCosts } from '@shopfloor/contracts';
import { heldOutEventRate } from './base-rate.js';

const COSTS: BinaryCosts = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' };

describe('held-out event rate', () => {
  it('recovers a rare event rate from the never-stop baseline', () => {
    // 3.4% failures: never stopping costs 0.034 * 5000 = 170 per row, always stopping 0.034 * 1000 + 0.966 * 300 = 323.8.
    expect(heldOutEventRate({ baselineCostPer1000: 170_000 }, COSTS)).toBeCloseTo(0.034, 12);
  });

  it('recovers a common event rate from the always-stop baseline', () => {
    // 60% failures: always stopping costs 0.6 * 1000 + 0.4 * 300 = 720, cheaper than 3000.
    expect(heldOutEventRate({ baselineCostPer1000: 720_000 }, COSTS)).toBeCloseTo(0.6, 12);
  });

  it('says null when no event rate prices to the baseline', () => {
    expect(heldOutEventRate({ baselineCostPer1000: 9_000_000 }, COSTS)).toBeNull();
  });
});
