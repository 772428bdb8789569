// The sensor spec schema in contracts: defaults, and the refusals a plant engineer would expect.
import { describe, expect, it } from 'vitest';
import { SensorSpec, TrustIssue } from '@shopfloor/contracts';

describe('SensorSpec', () => {
  it('fills the defaults', () => {
    expect(SensorSpec.parse({ id: 'mill-1.torque', asset: 'mill-1', min: 0, max: 150, samplePeriodMs: 1000 })).toEqual({
      id: 'mill-1.torque',
      asset: 'mill-1',
      unit: '',
      min: 0,
      max: 150,
      samplePeriodMs: 1000,
      resolution: 0,
      constantByDesign: false,
      counterResets: false,
    });
  });

  it('refuses an empty range, a zero period and a relation to itself', () => {
    const base = { id: 'a', asset: 'm', min: 0, max: 1, samplePeriodMs: 1000 };
    expect(SensorSpec.safeParse({ ...base, min: 1 }).error?.issues[0]?.message).toBe('min must be below max');
    expect(SensorSpec.safeParse({ ...base, samplePeriodMs: 0 }).success).toBe(false);
    expect(SensorSpec.safeParse({ ...base, relation: { kind: 'greater-than', other: 'a' } }).error?.issues[0]?.path).toEqual(['relation', 'other']);
  });

  it('describes an open issue with a null end', () => {
    const issue = { code: 'STUCK', sensor: 'a', from: 0, to: null, expected: 'x', received: 'y', severity: 'critical', message: 'm' };
    expect(TrustIssue.parse(issue)).toEqual(issue);
    expect(TrustIssue.safeParse({ ...issue, code: 'BROKEN' }).success).toBe(false);
  });
});
