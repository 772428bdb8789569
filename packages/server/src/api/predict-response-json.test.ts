// The predict reply writer sends byte for byte what zod's response check sends, and leaves anything off shape to zod.
import { describe, expect, it } from 'vitest';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { Contribution, Decision, Prediction, PredictResponse } from '@shopfloor/contracts';
import { PREDICTION_FIELDS, predictSerializerCompiler } from './predict-response-json.js';

const route = { schema: PredictResponse, method: 'POST', url: '/api/v1/use-cases/:id/predict', httpStatus: '200' };
const ours = predictSerializerCompiler(route);
const zods = serializerCompiler(route);

const decision = { label: 'stop', act: true, expectedCost: 12.5, currency: 'EUR' };
const champion = { predictionId: 'pred_0mf2k9x1cAbCdEfGhIjKl', score: 0.8125, decision, model: { id: 'mv_1', version: 3 }, path: 'champion', degraded: false, untrustedSensors: [], reasonCode: null, reasons: [] };
const explained = {
  ...champion,
  contributions: [
    { feature: 'Torque [Nm]', value: 58.25, unit: 'Nm', contribution: 1.5 },
    { feature: 'Type', value: 'H', contribution: -0.25 },
    { feature: 'coolant on', value: false, contribution: 0 },
    { feature: 'tool wear "min"', value: null, contribution: 1e-9 },
  ],
  bias: -2.75,
};
const multiclass = { ...champion, score: 0.5, probabilities: { normal: 0.25, dry: 0.25, overload: 0.5, '0': 0 }, decision: { ...decision, label: 'overload' } };
const companion = { ...champion, path: 'companion', companion: { id: 'cmp_1', leftOut: 'Torque [Nm]' }, degraded: true, untrustedSensors: ['Torque [Nm]'], reasonCode: 'SENSOR_UNTRUSTED_REQUEST', reasons: ['torque sensor flagged in the request'] };
const abstain = { ...champion, score: null, decision: null, path: 'abstain', degraded: true, reasonCode: 'NO_RULE', reasons: ['no companion', 'no rule: the operator decides \u00e9\u2028'] };
const extras = { ...champion, secret: 'x', decision: { ...decision, note: 1 }, model: { id: 'mv_1', version: 3, text: 'model' }, companion: undefined, bias: undefined };

const replies = {
  champion: { useCaseId: 'machine-failure', predictions: [champion] },
  explained: { useCaseId: 'machine-failure', predictions: [explained] },
  multiclass: { useCaseId: 'tool-state', predictions: [multiclass] },
  'companion and abstain': { useCaseId: 'machine-failure', predictions: [companion, abstain] },
  'unknown fields': { useCaseId: 'machine-failure', roles: ['champion'], predictions: [extras, { ...explained, contributions: [{ ...explained.contributions[0], rank: 1 }] }] },
  empty: { useCaseId: 'machine-failure', predictions: [] },
};

function outcome(serialize: (data: unknown) => string, data: unknown): { json: string } | { error: string } {
  try {
    return { json: serialize(data) };
  } catch (e) {
    return { error: (e as Error).constructor.name };
  }
}

describe('predict reply writer', () => {
  it.each(Object.entries(replies))('writes the %s reply as zod does', (_, reply) => {
    const json = ours(reply);
    expect(json).toBe(zods(reply));
    expect(JSON.parse(json)).toEqual(PredictResponse.parse(reply));
  });

  it('leaves a reply its schema refuses to zod, which refuses it as before', () => {
    const bad = [
      { ...champion, score: Number.NaN },
      { ...champion, score: Infinity },
      { ...champion, path: 'guess' },
      { ...champion, reasonCode: 'BECAUSE' },
      { ...champion, model: { id: 'mv_1', version: 1.5 } },
      { ...champion, decision: { ...decision, act: 'yes' } },
      { ...multiclass, probabilities: { normal: '0.5' } },
      { ...explained, contributions: [{ feature: 'x', value: {}, contribution: 1 }] },
      { ...champion, reasons: 'none' },
      { ...champion, predictionId: undefined },
    ];
    for (const p of bad) {
      const reply = { useCaseId: 'machine-failure', predictions: [p] };
      expect(outcome(ours, reply)).toEqual(outcome(zods, reply));
      expect(outcome(ours, reply)).toHaveProperty('error');
    }
  });

  it('knows every field of the schema, in its order', () => {
    expect([...PREDICTION_FIELDS]).toEqual(Object.keys(Prediction.shape));
    expect(Object.keys(PredictResponse.shape)).toEqual(['useCaseId', 'predictions']);
    expect(Object.keys(Decision.shape)).toEqual(['label', 'act', 'expectedCost', 'currency']);
    expect(Object.keys(Contribution.shape)).toEqual(['feature', 'value', 'unit', 'contribution']);
  });

  it('leaves error replies to zod', () => {
    const error = { error: { code: 'USE_CASE_NOT_FOUND', message: 'no such use case', details: {} } };
    const errorRoute = { ...route, httpStatus: '404', schema: PredictResponse };
    expect(outcome(predictSerializerCompiler(errorRoute), error)).toEqual(outcome(serializerCompiler(errorRoute), error));
  });
});
