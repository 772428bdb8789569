// The answer as rendered HTML: test ids the browser test relies on, colours by decision, text stays text.
import type { Prediction, UseCase } from '@shopfloor/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PredictionResult } from './prediction-result.js';

const useCase: UseCase = {
  id: 'ai4i',
  name: 'Milling machine failure',
  decision: 'Stop the mill for inspection',
  task: 'binary',
  datasetVersionId: 'd1',
  target: 'Machine failure',
  features: [{ name: 'Torque [Nm]', unit: 'Nm' }],
  split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 900, falseAlarmCosts: 150, missCosts: 1000, actionName: 'alarm' },
  inputs: [{ name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm', min: 3.8, max: 76.6, median: 40.1 }],
  classes: ['0', '1'],
  championVersionId: 'm1',
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'admin',
};

function prediction(act: boolean, feature = 'Torque [Nm]'): Prediction {
  return {
    predictionId: 'pred_1',
    score: act ? 0.734 : 0.012,
    decision: { label: act ? 'alarm' : 'no alarm', act, expectedCost: 39.9, currency: 'EUR' },
    model: { id: 'm1abcdefabcdef', version: 3 },
    path: 'champion',
    degraded: false,
    untrustedSensors: [],
    reasonCode: null,
    reasons: [],
    contributions: [
      { feature, value: 62.5, contribution: 1.25 },
      { feature: 'Tool wear [min]', value: 10, unit: 'min', contribution: -0.5 },
    ],
  };
}

describe('PredictionResult', () => {
  it('shows an alarm as a percentage score, an amber decision, cost, version and the chart', () => {
    const html = renderToStaticMarkup(<PredictionResult useCase={useCase} prediction={prediction(true)} stale={false} />);
    expect(html).toContain('data-testid="prediction-result"');
    expect(html).toMatch(/data-testid="prediction-decision">Alarm</);
    expect(html).toMatch(/data-testid="prediction-score">73.4 %</);
    expect(html).toContain('decision-act');
    expect(html).toContain('€39.90');
    expect(html).toMatch(/data-testid="prediction-model"[^>]*>v3</);
    expect(html).toContain('Action needed: Stop the mill for inspection');
    expect(html).toContain('data-testid="contributions-chart"');
    expect(html).toContain('= 62.5 Nm');
    expect(html.match(/data-testid="contribution-row"/g)).toHaveLength(2);
  });

  it('shows no action in green', () => {
    const html = renderToStaticMarkup(<PredictionResult useCase={useCase} prediction={prediction(false)} stale={false} />);
    expect(html).toContain('decision-ok');
    expect(html).toContain('No action needed');
    expect(html).toMatch(/data-testid="prediction-score">1.2 %</);
  });

  it('renders a feature name holding markup as text', () => {
    const html = renderToStaticMarkup(
      <PredictionResult useCase={useCase} prediction={prediction(true, '<img src=x onerror=alert(1)>')} stale={false} />,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows an abstention as no decision, no score and no cost, with the reasons', () => {
    const abstain: Prediction = { ...prediction(false), score: null, decision: null, path: 'abstain', degraded: true, untrustedSensors: ['Torque [Nm]'], reasonCode: 'NO_RULE', reasons: ['"Torque [Nm]" is untrusted'] };
    const { contributions: _, ...noChart } = abstain;
    const html = renderToStaticMarkup(<PredictionResult useCase={useCase} prediction={noChart} stale={false} />);
    expect(html).toContain('data-act="false"');
    expect(html).toMatch(/data-testid="prediction-decision">No decision</);
    expect(html).toMatch(/data-testid="prediction-score">none</);
    expect(html).toMatch(/data-testid="prediction-cost">none</);
    expect(html).toMatch(/answered by the (<!-- -->)?abstain/);
    expect(html).toContain('is untrusted');
  });

  it('says when the readings changed after the answer', () => {
    const html = renderToStaticMarkup(<PredictionResult useCase={useCase} prediction={prediction(true)} stale />);
    expect(html).toContain('data-testid="prediction-stale"');
  });
});
