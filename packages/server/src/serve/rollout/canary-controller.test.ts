// The canary controller over hand-made windows: waits, advances, rolls back on each rule, holds without a gate, promotes with one.
import { describe, expect, it } from 'vitest';
import { CanaryPlan, type CanaryState } from '@shopfloor/contracts';
import { decideCanary, type CanaryWindow } from './canary-controller.js';

const START = '2024-05-01T06:00:00.000Z';
const state = (step = 0): CanaryState => ({ ...CanaryPlan.parse({ windowMinutes: 60, minRequests: 100 }), step, stepStartedAt: START, startedBy: 'usr_1', note: '' });
const good: CanaryWindow = { requests: 400, errors: 0, latencyP99Ms: 3, compared: 400, disagreements: 8, labelled: 0, metric: null };
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000);

describe('decideCanary', () => {
  it('waits until the window has passed, then advances to the next share', () => {
    expect(decideCanary(state(), good, at(30), false).kind).toBe('wait');
    expect(decideCanary(state(), good, at(61), false)).toMatchObject({ kind: 'advance', step: 1, share: 0.25 });
    expect(decideCanary(state(2), good, at(61), false)).toMatchObject({ kind: 'advance', step: 3, share: 1 });
  });

  it('waits past the window while the step has too few rows to judge', () => {
    const action = decideCanary(state(), { ...good, requests: 40, compared: 40 }, at(600), false);
    expect(action.kind).toBe('wait');
    expect(action.note).toContain('40 of 100');
  });

  it('rolls back as soon as enough rows show a broken rule, naming it', () => {
    const cases: [Partial<CanaryWindow>, string][] = [
      [{ errors: 20 }, 'error rate'],
      [{ latencyP99Ms: 80 }, 'latency p99'],
      [{ disagreements: 120 }, 'disagreement'],
      [{ labelled: 60, metric: { name: 'accuracy', champion: 0.95, challenger: 0.8 } }, 'accuracy'],
    ];
    for (const [change, word] of cases) {
      const action = decideCanary(state(1), { ...good, ...change }, at(5), true);
      expect(action.kind, word).toBe('rollback');
      expect(action.note).toContain(word);
    }
    // Too few labels: the metric rule waits for them.
    expect(decideCanary(state(1), { ...good, labelled: 10, metric: { name: 'accuracy', champion: 0.95, challenger: 0.5 } }, at(5), true).kind).toBe('wait');
  });

  it('holds after the last step without a passing gate record, and promotes with one', () => {
    expect(decideCanary(state(3), good, at(61), false).kind).toBe('hold');
    expect(decideCanary(state(3), good, at(61), true).kind).toBe('promote');
  });
});
