// A logged prediction as the operator sees it, rendered to HTML: the explanation or its fallback, the degraded notice, the actions offered, text stays text.
import type { Alert, LoggedPrediction, UseCase } from '@shopfloor/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api.js';
import { ApiContext } from '../api-context.js';
import { PredictionCard } from './operator-prediction-card.js';

const useCase: UseCase = {
  id: 'mf',
  name: 'Milling machine failure',
  decision: 'Stop the mill for inspection',
  task: 'binary',
  datasetVersionId: 'd1',
  target: 'Machine failure',
  features: [{ name: 'Torque [Nm]', unit: 'Nm' }, { name: 'Tool wear [min]', unit: 'min' }],
  split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 900, falseAlarmCosts: 150, missCosts: 1000, actionName: 'alarm' },
  inputs: [
    { name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm', sensorId: 'spindle-torque' },
    { name: 'Tool wear [min]', kind: 'numeric', unit: 'min' },
  ],
  classes: ['0', '1'],
  championVersionId: 'mv_1',
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'admin',
};

function logged(change: Partial<LoggedPrediction['output']> = {}, entity: string | null = 'mill-3'): LoggedPrediction {
  const output: LoggedPrediction['output'] = {
    predictionId: 'pred_1',
    score: 0.73,
    decision: { label: 'alarm', act: true, expectedCost: 39.9, currency: 'EUR' },
    model: { id: 'mv_1', version: 3 },
    path: 'champion',
    degraded: false,
    untrustedSensors: [],
    reasonCode: null,
    reasons: [],
    ...change,
  };
  return {
    id: 'pred_1',
    useCaseId: 'mf',
    entity,
    at: '2026-12-04T10:00:00.000Z',
    modelVersionId: 'mv_1',
    role: 'champion',
    path: output.path,
    decision: output.decision?.label ?? null,
    act: output.decision?.act ?? null,
    score: output.score,
    latencyMs: 1,
    input: { 'Torque [Nm]': 62.5, 'Tool wear [min]': 10 },
    output,
  };
}

const alert: Alert = {
  id: 'alr_1',
  useCaseId: 'mf',
  kind: 'decision',
  severity: 'critical',
  at: '2026-12-04T10:00:00.000Z',
  entity: 'mill-3',
  predictionId: 'pred_1',
  modelVersionId: 'mv_1',
  message: 'alarm on mill-3',
  details: {},
  state: 'open',
  acknowledged: null,
};

function render(prediction: LoggedPrediction, options: { alert?: Alert | null; flagged?: boolean } = {}): string {
  const api = new ApiClient({ token: 't', onUnauthorized: () => undefined, fetch: () => Promise.reject(new Error('no calls while rendering')) });
  return renderToStaticMarkup(
    <ApiContext.Provider value={api}>
      <PredictionCard
        useCase={useCase}
        prediction={prediction}
        alert={options.alert ?? null}
        flagged={options.flagged ?? false}
        health={[{ sensorId: 'spindle-torque', state: 'suspect', since: '2026-12-04T09:00:00.000Z', reason: 'stuck for 20 min' }]}
        who={(id) => (id === 'usr_1' ? 'Ana (shift B)' : id)}
        onChanged={() => undefined}
      />
    </ApiContext.Provider>,
  );
}

describe('PredictionCard', () => {
  it('explains with the top contributions and their units, and marks sensor health', () => {
    const html = render(logged({ contributions: [{ feature: 'Torque [Nm]', value: 62.5, contribution: 1.2 }] }));
    expect(html).toContain('data-testid="contributions-chart"');
    expect(html).toContain('= 62.5 Nm');
    expect(html).not.toContain('data-testid="operator-degraded"');
    expect(html).toMatch(/data-sensor="Torque \[Nm\]" data-state="suspect"/);
    expect(html).toMatch(/data-sensor="Tool wear \[min\]" data-state="trusted"/);
  });

  it('falls back to the decision when the log holds no explanation', () => {
    const html = render(logged());
    expect(html).toContain('data-testid="operator-no-explanation"');
    expect(html).toContain('the model decided “alarm”');
  });

  it('says a degraded answer ran on the rule and what it could not see', () => {
    const html = render(
      logged({ path: 'rule', degraded: true, score: null, untrustedSensors: ['Torque [Nm]'], reasonCode: 'NO_COMPANION', reasons: ['no companion leaves out "Torque [Nm]"'] }),
    );
    expect(html).toContain('data-testid="operator-degraded"');
    expect(html).toContain('the fallback rule');
    expect(html).toContain('It could not see: Torque [Nm]');
    expect(html).toContain('no companion leaves out &quot;Torque [Nm]&quot;');
    expect(html).toMatch(/data-sensor="Torque \[Nm\]" data-state="suspect" data-used="false"/);
  });

  it('offers acknowledge only for an open alert, and says who acknowledged it', () => {
    expect(render(logged())).not.toContain('operator-acknowledge"');
    expect(render(logged(), { alert })).toContain('data-testid="operator-acknowledge"');
    const acknowledged = render(logged(), { alert: { ...alert, state: 'acknowledged', acknowledged: { at: '2026-12-04T10:05:00.000Z', by: 'usr_1', note: 'tool changed' } } });
    expect(acknowledged).not.toContain('data-testid="operator-acknowledge"');
    expect(acknowledged).toMatch(/Alert acknowledged by Ana \(shift B\) at .*tool changed/);
  });

  it('always offers override and flag as real buttons, and shows a flag', () => {
    const html = render(logged(), { flagged: true });
    expect(html).toMatch(/<button type="button"[^>]*data-testid="operator-override"/);
    expect(html).toMatch(/<button type="button"[^>]*data-testid="operator-flag-wrong"/);
    expect(html).toContain('data-testid="operator-flagged"');
  });

  it('renders a hostile asset name as text', () => {
    const html = render(logged({}, '<img src=x onerror=alert(1)>'));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});
