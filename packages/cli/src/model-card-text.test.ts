// modelCardText for cases the e2e AI4I run does not meet: a regression card, a numeric time column, an old version without row counts.
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '@shopfloor/contracts';
import { modelCardText } from './model-card-text.js';

function rulCard(overrides: Partial<ModelCard> = {}): ModelCard {
  return {
    useCaseId: 'pump-rul',
    useCaseName: 'Pump remaining life',
    modelVersionId: 'mv_1',
    version: 4,
    aliases: [],
    intendedUse: {
      decision: '',
      task: 'regression',
      target: 'RUL',
      classes: null,
      costs: { kind: 'regression', currency: 'EUR', actionThreshold: 30, actWhen: 'below', earlyActionCosts: 800, lateActionCosts: 20000, timelyActionCosts: 0, actionName: 'overhaul' },
      inputs: [{ name: 'vibration', kind: 'numeric', unit: 'mm/s', min: 0.5, max: 12.25 }],
    },
    lineage: {
      datasetVersionId: 'abcdef0123456789',
      datasetName: 'cmapss',
      fileName: 'train_FD001.csv',
      params: {},
      codeVersion: '0.1.0',
      artifactSha256: 'f'.repeat(64),
      createdAt: '2024-05-01T06:00:00.000Z',
      createdBy: { id: 'usr_1', name: null },
    },
    dataWindow: { datasetVersionId: 'abcdef0123456789', datasetRows: 20631, rows: { fit: 13000, validation: 3000, test: 4131, benchmarkExcluded: 500, missingTarget: 0 }, timeColumn: 'cycle', from: '1', to: '362' },
    metrics: { nTrain: 13000, nTest: 4131, rmse: 18.25, mae: 13.5, expectedCostPer1000: 1500, baselineCostPer1000: 4200, trainSeconds: 2 },
    decisionRule: { kind: 'regression', threshold: 41.5, actWhen: 'below' },
    featureImportance: [{ feature: 'vibration', gain: 10.25 }],
    sensorRobustness: { status: 'not-assessed', summary: 'Not assessed yet.', sensors: [{ feature: 'vibration', sensorId: null, status: 'not-assessed', finding: null }] },
    knownLimits: null,
    ...overrides,
  };
}

describe('modelCardText', () => {
  it('prints a regression card with its action threshold, a numeric time range and what was left out', () => {
    const text = modelCardText(rulCard());
    expect(text).toMatch(/^Model card: Pump remaining life \(pump-rul\) v4\n/);
    expect(text).toContain('  Decision: (not described)\n');
    expect(text).toContain('  Costs per prediction: overhaul when the prediction is below 30: late 20,000.00 EUR, early 800.00 EUR\n');
    expect(text).toContain('    - vibration (mm/s; trained on 0.5 to 12.25)\n');
    expect(text).toContain('  Parameters: (defaults)\n');
    expect(text).toContain('  Trained: 2024-05-01 06:00 UTC by usr_1\n');
    expect(text).toContain('  Left out: 500 frozen benchmark rows, 0 without a target\n');
    expect(text).toContain('  Time (cycle): 1 to 362\n');
    expect(text).toContain('  RMSE 18.2500, MAE 13.5000\n');
    expect(text).toContain('  Decision rule: act when the prediction is below 41.5\n');
    expect(text).toContain('    - vibration: no sensor id, not assessed\n');
    expect(text).toContain('  None written yet (an engineer adds them: shopfloor models limits pump-rul 4 "...").\n');
  });

  it('says plainly when an old version has no row counts or time range recorded', () => {
    const text = modelCardText(rulCard({ dataWindow: { datasetVersionId: 'abcdef0123456789', datasetRows: null, rows: null, timeColumn: 'cycle', from: null, to: null } }));
    expect(text).toContain('  Dataset version abcdef012345\n');
    expect(text).toContain('  Training rows: not recorded (a version registered before row counts were kept)\n');
    expect(text).toContain('  Time (cycle): not recorded\n');
  });
});
