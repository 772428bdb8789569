// A report's arithmetic: issue ranges merged, readings inside them counted, and what is left unchecked said in notes.
import { describe, expect, it } from 'vitest';
import { SensorSpec, type TrustIssue } from '@shopfloor/contracts';
import { seededRandom } from '../random.js';
import { mergedRanges, readingsInside } from './sensor-findings.js';
import { trustFindings } from './trust-findings.js';

const issue = (from: number, to: number | null): TrustIssue => ({ code: 'SPIKE', sensor: 's', from, to, expected: '', received: '', severity: 'warning', message: '' });

describe('report arithmetic', () => {
  it('merges overlapping and touching ranges, runs an open issue to the end, and counts readings inside', () => {
    const ranges = mergedRanges([issue(50, 60), issue(10, 20), issue(20, 30), issue(55, 58), issue(90, null)], 100);
    expect(ranges).toEqual([{ from: 10, to: 30 }, { from: 50, to: 60 }, { from: 90, to: 100 }]);
    const times = Float64Array.from({ length: 11 }, (_, i) => i * 10);
    expect(readingsInside(times, ranges)).toBe(3 + 2 + 2);
    expect(readingsInside(new Float64Array(0), ranges)).toBe(0);
  });

  it('notes a sensor too short to fit, a relation and a group reaching outside the report, and still checks the rest', () => {
    const base = { asset: 'a', unit: 'K', min: 0, max: 100, samplePeriodMs: 1000, resolution: 0.1 };
    const specs = [
      SensorSpec.parse({ ...base, id: 'long', redundancyGroup: 'g', relation: { kind: 'greater-than', other: 'short', margin: 1 } }),
      SensorSpec.parse({ ...base, id: 'short' }),
    ];
    const rng = seededRandom(3);
    const times = Float64Array.from({ length: 500 }, (_, i) => i * 1000);
    const series = [
      { sensor: 'long', times, values: Float64Array.from(times, () => Math.round((50 + rng.normal()) * 10) / 10) },
      { sensor: 'short', times: times.subarray(0, 10), values: new Float64Array(10).fill(20) },
    ];
    const [long, short] = trustFindings(specs, series, 200_000);
    expect(long).toMatchObject({ checked: true, readings: 500, referenceReadings: 200, health: 'trusted', issues: [] });
    expect(long!.notes.join(' | ')).toMatch(/no drift check: no other checked sensor of redundancy group g.*relation to short not checked/);
    expect(short).toMatchObject({ checked: false, readings: 10, referenceReadings: 10, health: 'suspect' });
    expect(short!.notes[0]).toContain('not checked: no baseline from its 10 reference readings');
  });
});
