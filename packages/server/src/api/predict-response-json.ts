// The predict reply as JSON, written field by field in PredictResponse's order: what zod's response check sends, without building a copy first.
import { DEGRADED_REASON_CODES, PREDICTION_PATHS } from '@shopfloor/contracts';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';

/** Thrown inside the writer when a value is not what PredictResponse allows; the caller then asks zod. */
class OffShape extends Error {}
const OFF_SHAPE = new OffShape('off shape');

/** Prediction's fields in its schema's order (a test compares this list with the schema's keys). */
export const PREDICTION_FIELDS = ['predictionId', 'score', 'probabilities', 'decision', 'model', 'path', 'companion', 'degraded', 'untrustedSensors', 'reasonCode', 'reasons', 'contributions', 'bias'] as const;

const PATHS = new Set<unknown>(PREDICTION_PATHS);
const REASON_CODES = new Set<unknown>(DEGRADED_REASON_CODES);

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw OFF_SHAPE;
  return v as Obj;
}
function str(v: unknown): string {
  if (typeof v !== 'string') throw OFF_SHAPE;
  return JSON.stringify(v);
}
function num(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw OFF_SHAPE;
  return JSON.stringify(v);
}
function int(v: unknown): string {
  if (!Number.isSafeInteger(v)) throw OFF_SHAPE;
  return JSON.stringify(v);
}
function bool(v: unknown): string {
  if (typeof v !== 'boolean') throw OFF_SHAPE;
  return v ? 'true' : 'false';
}
function strings(v: unknown): string {
  if (!Array.isArray(v)) throw OFF_SHAPE;
  return `[${v.map(str).join(',')}]`;
}
function featureValue(v: unknown): string {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  return num(v);
}
function oneOf(set: Set<unknown>, v: unknown): string {
  if (!set.has(v)) throw OFF_SHAPE;
  return JSON.stringify(v);
}

function probabilities(v: unknown): string {
  const o = obj(v);
  return `{${Object.keys(o).map((k) => `${JSON.stringify(k)}:${num(o[k])}`).join(',')}}`;
}
function decision(v: unknown): string {
  const d = obj(v);
  return `{"label":${str(d['label'])},"act":${bool(d['act'])},"expectedCost":${num(d['expectedCost'])},"currency":${str(d['currency'])}}`;
}
function contribution(v: unknown): string {
  const c = obj(v);
  const unit = c['unit'] === undefined ? '' : `,"unit":${str(c['unit'])}`;
  return `{"feature":${str(c['feature'])},"value":${featureValue(c['value'])}${unit},"contribution":${num(c['contribution'])}}`;
}

function prediction(v: unknown): string {
  const p = obj(v);
  let out = `{"predictionId":${str(p['predictionId'])},"score":${p['score'] === null ? 'null' : num(p['score'])}`;
  if (p['probabilities'] !== undefined) out += `,"probabilities":${probabilities(p['probabilities'])}`;
  out += `,"decision":${p['decision'] === null ? 'null' : decision(p['decision'])}`;
  const model = obj(p['model']);
  out += `,"model":{"id":${str(model['id'])},"version":${int(model['version'])}},"path":${oneOf(PATHS, p['path'])}`;
  if (p['companion'] !== undefined) {
    const c = obj(p['companion']);
    out += `,"companion":{"id":${str(c['id'])},"leftOut":${str(c['leftOut'])}}`;
  }
  out += `,"degraded":${bool(p['degraded'])},"untrustedSensors":${strings(p['untrustedSensors'])}`;
  out += `,"reasonCode":${p['reasonCode'] === null ? 'null' : oneOf(REASON_CODES, p['reasonCode'])},"reasons":${strings(p['reasons'])}`;
  const contributions = p['contributions'];
  if (contributions !== undefined) {
    if (!Array.isArray(contributions)) throw OFF_SHAPE;
    out += `,"contributions":[${contributions.map(contribution).join(',')}]`;
  }
  if (p['bias'] !== undefined) out += `,"bias":${num(p['bias'])}`;
  return `${out}}`;
}

/** PredictResponse as JSON; throws OffShape for anything its schema would refuse. */
function predictResponse(v: unknown): string {
  const r = obj(v);
  const predictions = r['predictions'];
  if (!Array.isArray(predictions)) throw OFF_SHAPE;
  return `{"useCaseId":${str(r['useCaseId'])},"predictions":[${predictions.map(prediction).join(',')}]}`;
}

/**
 * The predict route's serializer compiler: its 200 reply is written directly (unknown fields left out, as
 * zod's check strips them); a reply the writer finds off shape, and every other status, goes through
 * the app's zod serializer, which sends or refuses it exactly as before.
 */
export const predictSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const checked = serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
  if (route.httpStatus !== '200') return checked;
  return (data) => {
    try {
      return predictResponse(data);
    } catch (e) {
      if (e !== OFF_SHAPE) throw e;
      return checked(data);
    }
  };
};
