// The range chain: out-of-range inputs and unsure answers go to the fallback rule, else an abstention; missing readings do not.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVING_POLICY, type InputRow, type ServingPolicyFields } from '@shopfloor/contracts';
import type { FallbackRule } from '../degraded-answer.js';
import { COSTS, record, RULE, trainedPredictor } from './chain-fixture.js';
import { logOddsDistance, outOfRangeInputs, rangeChainPredictions, rowTrigger } from './range-chain.js';

const OPTIONS = { explain: false, topContributions: 5 };
const champion = trainedPredictor('mv_2', 2);
const features = champion.reader.features;
const RULE_BINARY = { kind: 'binary' as const, threshold: 0.2 };

describe('range triggers', () => {
  it('finds numeric inputs outside the training range, and never a missing reading', () => {
    expect(outOfRangeInputs(features, { load: 12, coolant: 1 })).toEqual([]);
    expect(outOfRangeInputs(features, { load: null, coolant: 1 })).toEqual([]);
    expect(outOfRangeInputs(features, { load: 75, coolant: -1 })).toEqual([
      '"load" = 75 kN is outside the training range 0 to 49 kN: the model has not seen such values',
      '"coolant" = -1 is outside the training range 0 to 1: the model has not seen such values',
    ]);
  });

  it('measures confidence on the log-odds scale around the threshold', () => {
    expect(logOddsDistance(0.2, 0.2)).toBe(0);
    expect(logOddsDistance(0.5, 0.2)).toBeCloseTo(Math.log(4), 12);
    expect(logOddsDistance(0, 0.2)).toBeGreaterThan(15); // clamped at 1e-9, finite
  });

  it('fires out of range first, then low confidence with a band, and nothing with the policy at flag and no band', () => {
    const banded: ServingPolicyFields = { ...DEFAULT_SERVING_POLICY, lowConfidenceBand: 0.5 };
    expect(rowTrigger({ load: 75, coolant: 0 }, 0.21, features, RULE_BINARY, banded)?.code).toBe('OUT_OF_RANGE');
    expect(rowTrigger({ load: 75, coolant: 0 }, 0.9, features, RULE_BINARY, { ...banded, outOfRange: 'flag' })).toBeNull();
    expect(rowTrigger({ load: 20, coolant: 0 }, 0.25, features, RULE_BINARY, banded)).toMatchObject({ code: 'LOW_CONFIDENCE' });
    expect(rowTrigger({ load: 20, coolant: 0 }, 0.25, features, RULE_BINARY, DEFAULT_SERVING_POLICY)).toBeNull();
    expect(rowTrigger({ load: 20, coolant: 0 }, 0.9, features, RULE_BINARY, banded)).toBeNull(); // log-odds 3.6 apart
    expect(rowTrigger({ load: 20, coolant: 0 }, 0.25, features, { kind: 'multiclass' }, banded)).toBeNull();
  });
});

describe('range chain', () => {
  const rows: InputRow[] = [{ load: 45, coolant: 0 }, { load: 80, coolant: 1 }, { load: null, coolant: 1 }];
  const ctx = (policy: ServingPolicyFields, rule: FallbackRule | null = RULE) => ({
    costs: COSTS, championId: 'mv_2', features, decisionRule: champion.decisionRule, policy, championRecord: async () => record('mv_2', 2), fallbackRule: async () => rule,
  });

  it('sends only the out-of-range row to the rule, by default', async () => {
    const answers = await rangeChainPredictions(rows, champion.predict(rows, OPTIONS), ctx(DEFAULT_SERVING_POLICY));
    expect(answers.map((a) => a.path)).toEqual(['champion', 'rule', 'champion']);
    expect(answers[1]).toMatchObject({ score: null, decision: { act: true, label: 'stop' }, reasonCode: 'OUT_OF_RANGE', degraded: true, model: { id: 'mv_2', version: 2 } });
    expect(answers[1]!.reasons[0]).toContain('"load" = 80 kN is outside the training range');
    expect(answers[2]!.degraded).toBe(true); // a missing reading: the champion answers, flagged as before
  });

  it('abstains on an unsure row without a rule, the operator decides; leaves a variant answer alone', async () => {
    const answers = champion.predict(rows, OPTIONS);
    const unsure = Math.abs(Math.log(answers[0]!.score / (1 - answers[0]!.score)) - Math.log(0.2 / 0.8)) + 0.01;
    const policy: ServingPolicyFields = { outOfRange: 'flag', lowConfidenceBand: unsure, modelTimeoutMs: 250 };
    const [a] = await rangeChainPredictions(rows.slice(0, 1), answers.slice(0, 1), ctx(policy, null));
    expect(a).toMatchObject({ path: 'abstain', decision: null, reasonCode: 'LOW_CONFIDENCE' });
    expect(a!.reasons.at(-1)).toBe('the use case has no fallback rule: no decision, the operator decides');
    const variant = { ...answers[0]!, model: { id: 'mv_9', version: 9 } };
    expect(await rangeChainPredictions(rows.slice(0, 1), [variant], ctx(policy))).toEqual([variant]);
  });
});
