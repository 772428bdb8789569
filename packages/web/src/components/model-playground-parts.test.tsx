// The playground's parts as rendered HTML: the degraded answer names path, reason and what it could not see; ranges and SHAP dots keep hostile names as text.
import type { ModelInput, Prediction, UseCase } from '@shopfloor/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Beeswarm, readingColour } from './chart-beeswarm.js';
import { ModelDegradedAnswer } from './model-degraded-answer.js';
import { ModelInputRange } from './model-input-range.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const torque: ModelInput = { name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm', min: 3.8, max: 76.6, median: 40.1, quantiles: { p05: 23.6, p25: 33.2, p75: 46.8, p95: 56.3 } };
const useCase = {
  id: 'ai4i',
  name: 'Milling',
  decision: '',
  task: 'binary',
  datasetVersionId: 'd1',
  target: 'Machine failure',
  features: [{ name: 'Torque [Nm]', unit: 'Nm' }],
  split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 900, falseAlarmCosts: 150, missCosts: 1000, actionName: 'alarm' },
  inputs: [torque],
  championVersionId: 'm1',
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'admin',
} satisfies UseCase;

function answer(over: Partial<Prediction>): Prediction {
  return {
    predictionId: 'p1',
    score: 0.3,
    decision: { label: 'alarm', act: true, expectedCost: 105, currency: 'EUR' },
    model: { id: 'm1', version: 1 },
    path: 'champion',
    degraded: false,
    untrustedSensors: [],
    reasonCode: null,
    reasons: [],
    ...over,
  } as Prediction;
}

describe('degraded answer', () => {
  it('names the path, the reason code and what the model could not see, beside the healthy answer', () => {
    const html = renderToStaticMarkup(
      <ModelDegradedAnswer
        useCase={useCase}
        healthy={answer({})}
        degraded={answer({ path: 'rule', degraded: true, score: null, untrustedSensors: [HOSTILE], reasonCode: 'NO_COMPANION', reasons: ['No companion without it.'], decision: { label: 'no alarm', act: false, expectedCost: 12, currency: 'EUR' } })}
        failed={[HOSTILE]}
      />,
    );
    expect(html).toContain('data-path="rule"');
    expect(html).toContain('NO_COMPANION');
    expect(html).toContain('No companion without it.');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('30.0 %');
    expect(html).toContain('no score');
  });
});

describe('training range', () => {
  it('says where the middle half and 90 % of training rows lie, and draws nothing for a category', () => {
    const html = renderToStaticMarkup(<ModelInputRange input={torque} value="70" />);
    expect(html).toContain('Middle half of training rows 33.2 – 46.8 Nm; 90 % within 23.6 – 56.3 Nm');
    expect(html).toContain('range-reading');
    expect(renderToStaticMarkup(<ModelInputRange input={{ name: 'Type', kind: 'categorical', levels: ['L', 'M'] }} value="L" />)).toBe('');
    expect(renderToStaticMarkup(<ModelInputRange input={{ ...torque, quantiles: undefined }} value="" />)).toContain('Training range 3.8 – 76.6 Nm');
  });
});

describe('SHAP dot plot', () => {
  it('draws one dot per row and feature, names as text, colours from low to high reading', () => {
    const features = [
      { feature: HOSTILE, unit: null, meanAbs: 0.5, points: [{ shap: 0.5, value: 1, position: 1 }, { shap: -0.5, value: 0, position: 0 }] },
      { feature: 'Type', unit: null, meanAbs: 0.1, points: [{ shap: 0.1, value: null, position: null }, { shap: -0.1, value: null, position: null }] },
    ];
    const html = renderToStaticMarkup(<Beeswarm features={features} scale="log-odds" />);
    expect(html.match(/<circle/g)).toHaveLength(4);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(readingColour(0)).toBe('rgb(30, 100, 220)');
    expect(readingColour(1)).toBe('rgb(200, 40, 40)');
    expect(readingColour(null)).toBe('#8a929c');
  });
});
