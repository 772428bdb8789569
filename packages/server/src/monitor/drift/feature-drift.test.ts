// One feature's drift report: stable for the same process, drift for a shifted one, levels with an unseen bin, live series from request rows.
import { describe, expect, it } from 'vitest';
import type { ModelInput } from '@shopfloor/contracts';
import { seededRandom } from '../../trust/index.js';
import { driftStatus, featureDrift, liveSeries } from './feature-drift.js';

function normals(n: number, seed: number, mean = 0): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => mean + random.normal());
}

describe('feature drift', () => {
  it('calls a fresh sample of the training distribution stable', () => {
    const report = featureDrift({ name: 'Torque [Nm]', kind: 'numeric', values: normals(5000, 1, 40) }, { name: 'Torque [Nm]', kind: 'numeric', values: normals(2000, 2, 40) });
    expect(report.status).toBe('stable');
    expect(report.band).toBe('stable');
    expect(report.psi).toBeLessThan(0.02);
    expect(report.bins).toHaveLength(11); // 9 decile edges: 10 bins, then missing
    expect(report.bins.reduce((s, b) => s + b.reference, 0)).toBe(5000);
    expect(report.meanShift?.drifted).toBe(false);
  });

  it('calls a batch one standard deviation higher drift, with the top bin filling up', () => {
    const report = featureDrift({ name: 't', kind: 'numeric', values: normals(5000, 1) }, { name: 't', kind: 'numeric', values: normals(2000, 3, 1) });
    expect(report.band).toBe('major');
    expect(report.meanShift?.drifted).toBe(true);
    expect(report.status).toBe('drift');
    const top = report.bins[report.bins.length - 2]!;
    expect(top.live / 2000).toBeGreaterThan(0.3);
    expect(top.reference / 5000).toBeCloseTo(0.1, 2);
  });

  it('counts a level never seen in training and missing values in their own bins', () => {
    const reference = { name: 'Type', kind: 'categorical' as const, levels: ['H', 'L', 'M'], values: [...Array(50).fill('L'), ...Array(30).fill('M'), ...Array(20).fill('H')] };
    const live = { name: 'Type', kind: 'categorical' as const, levels: [], values: [...Array(25).fill('L'), ...Array(15).fill('M'), ...Array(10).fill('H'), 'X', null] };
    const report = featureDrift(reference, live);
    expect(report.bins).toEqual([
      { bin: 'H', reference: 20, live: 10 },
      { bin: 'L', reference: 50, live: 25 },
      { bin: 'M', reference: 30, live: 15 },
      { bin: 'unseen', reference: 0, live: 1 },
      { bin: 'missing', reference: 0, live: 1 },
    ]);
    expect(report.meanShift).toBeNull();
    expect(report.psi).toBeGreaterThan(0.1);
  });

  it('has no band for an empty live batch', () => {
    const report = featureDrift({ name: 't', kind: 'numeric', values: [1, 2, 3] }, { name: 't', kind: 'numeric', values: [] });
    expect(report.psi).toBeNaN();
    expect(report.band).toBeNull();
    expect(report.status).toBe('stable');
  });

  it('combines the two signs: a major PSI or a moderate one with a mean shift is drift', () => {
    const shifted = { drifted: true } as never;
    const still = { drifted: false } as never;
    expect(driftStatus('major', still)).toBe('drift');
    expect(driftStatus('moderate', shifted)).toBe('drift');
    expect(driftStatus('moderate', still)).toBe('watch');
    expect(driftStatus('stable', shifted)).toBe('watch');
    expect(driftStatus('stable', null)).toBe('stable');
    expect(driftStatus(null, null)).toBe('stable');
  });

  it('reads request rows as series: numbers, numeric text, booleans as levels, absent values as missing', () => {
    const inputs: ModelInput[] = [
      { name: 'speed', kind: 'numeric' },
      { name: 'Type', kind: 'categorical', levels: ['H', 'L'] },
      { name: 'coolant', kind: 'boolean' },
    ];
    const [speed, type, coolant] = liveSeries(inputs, [
      { speed: 1500, Type: 'L', coolant: true },
      { speed: '1600', Type: null, coolant: 0 },
      { Type: 'Q', coolant: null },
    ]);
    expect([...(speed!.values as Float64Array)]).toEqual([1500, 1600, Number.NaN]);
    expect(type!.values).toEqual(['L', null, 'Q']);
    expect(coolant).toMatchObject({ kind: 'categorical', levels: ['false', 'true'], values: ['true', 'false', null] });
  });
});
