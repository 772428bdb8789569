// The verdict over hand-made rows: agreement and flips both ways, latency, cost once labelled, and the recommendation with its evidence.
import { describe, expect, it } from 'vitest';
import type { Costs } from '@shopfloor/contracts';
import { verdict, type Side, type VerdictRow } from './verdict.js';

const costs: Costs = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'alarm' };
const side = (act: boolean, latencyMs = 2): Side => ({ decision: act ? 'alarm' : 'no alarm', act, score: act ? 0.9 : 0.1, latencyMs });
const row = (i: number, champion: boolean | null, candidate: boolean | null, outcome: number | null = null, error: string | null = null): VerdictRow => ({
  predictionId: `pred_${i}`,
  entity: `press-${i % 7}`,
  at: '2024-05-01T06:00:00.000Z',
  champion: champion === null ? null : side(champion),
  candidate: candidate === null ? null : side(candidate, 4),
  candidateError: error,
  outcome,
});
const input = (rows: VerdictRow[]) => ({ useCaseId: 'mill', model: { id: 'mv_b', version: 2 }, champion: { id: 'mv_a', version: 1 }, from: 'a', to: 'b', costs, classes: undefined, rows });

describe('verdict', () => {
  it('counts agreement and flips in both directions, with examples, and keeps without labels', () => {
    const rows = [row(0, true, true), row(1, false, false), row(2, false, true), row(3, true, false), row(4, false, null, null, 'boom')];
    const v = verdict(input(rows));
    expect(v).toMatchObject({ compared: 4, agreement: 0.5, candidateErrors: 1, flips: { toAct: 1, toHold: 1 }, labelled: null, recommendation: 'roll-back' });
    expect(v.flips.examples.map((e) => [e.predictionId, e.champion, e.candidate])).toEqual([['pred_2', 'no alarm', 'alarm'], ['pred_3', 'alarm', 'no alarm']]);
    expect(v.latency.champion).toEqual({ n: 5, p50Ms: 2, p99Ms: 2 });
    expect(v.latency.candidate.n).toBe(4);
  });

  it('keeps while fewer than 30 rows are labelled', () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i, false, i % 2 === 0, i % 2));
    const v = verdict(input(rows));
    expect(v.recommendation).toBe('keep');
    expect(v.labelled?.n).toBe(20);
    expect(v.evidence.join(' ')).toContain('20 labelled rows; 30 are needed');
  });

  it('recommends promoting a candidate that catches failures the champion misses, in money', () => {
    // 40 rows, 10 failures: the champion never alarms; the candidate alarms exactly on the failures.
    const rows = Array.from({ length: 40 }, (_, i) => row(i, false, i < 10, i < 10 ? 1 : 0));
    const v = verdict(input(rows));
    expect(v.labelled).toMatchObject({ n: 40, champion: 0.75, candidate: 1, championCost: 10 * 5000, candidateCost: 10 * (5000 - 4000), currency: 'EUR' }); // a caught failure still costs the miss less what the alarm saves
    expect(v.recommendation).toBe('promote');
  });

  it('recommends rolling back a candidate whose decisions cost more on the labelled rows', () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i, i < 10, true, i < 10 ? 1 : 0));
    const v = verdict(input(rows));
    expect(v.labelled!.candidateCost).toBeGreaterThan(v.labelled!.championCost);
    expect(v.recommendation).toBe('roll-back');
    expect(v.evidence.at(-1)).toContain('more');
  });
});
