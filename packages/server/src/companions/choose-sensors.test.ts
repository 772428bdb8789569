// Choosing the sensors that get a companion: the most critical first, from the newest robustness record, which must exist.
import { describe, expect, it } from 'vitest';
import type { RobustnessRecord, SensorCriticality } from '@shopfloor/contracts';
import { mostCriticalSensors } from './choose-sensors.js';

const sensor = (feature: string, rank: number): SensorCriticality => ({ rank, feature, sensorId: null, unit: null, robustSigma: 1, criticality: 100 - rank, worstMode: 'stuck-zero', finding: '', modes: [] });

describe('most critical sensors', () => {
  it('takes the k best ranked, fewer when the model has fewer sensors', () => {
    const record = { sensors: [sensor('Air temperature [K]', 3), sensor('Torque [Nm]', 1), sensor('Tool wear [min]', 2)] } as unknown as RobustnessRecord;
    expect(mostCriticalSensors(record, 'mv_1', 2).map((s) => s.feature)).toEqual(['Torque [Nm]', 'Tool wear [min]']);
    expect(mostCriticalSensors(record, 'mv_1', 5)).toHaveLength(3);
  });

  it('refuses a version never assessed, saying how to assess it', () => {
    expect(() => mostCriticalSensors(null, 'mv_1', 2)).toThrowError(expect.objectContaining({ code: 'COMPANION_INVALID', details: { reason: 'no-robustness-record', modelVersionId: 'mv_1' } }));
  });
});
