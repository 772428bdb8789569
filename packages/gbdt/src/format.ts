// Model file: versioned JSON text (header, features, bin edges, parameters, flat trees); loading checks everything.
import { GbdtError, type GbdtModel } from './api.js';
import { ForestModel, modelFromForest } from './model.js';
import { OBJECTIVES, paramSchema, type ParamSpec } from './params.js';
import type { FlatTree, Forest } from './tree.js';
import type { FeatureInfo, GbdtParams, Objective } from './types.js';

export const MODEL_FORMAT = 'shopfloor-gbdt';
export const MODEL_FORMAT_VERSION = 1;

/**
 * {
 *   format: 'shopfloor-gbdt', formatVersion: 1, objective, nClasses, nFeatures, nIterations, float32,
 *   features: [{ name, type, categories? }], binEdges: number[][], params: {..., unset = null},
 *   baseScore: number[nClasses], treeClass: number[nTrees],
 *   trees: [{ feature, threshold, missingLeft, left, right, value, cover, gain, catOffset, catBits }]
 * }
 * Numbers are written in JavaScript's shortest round-trip form, so a loaded model predicts bit for bit
 * as the saved one; NaN, +-Infinity and -0 (which JSON cannot hold) are written as strings.
 */
export function saveModel(model: GbdtModel): string {
  if (!(model instanceof ForestModel)) throw new GbdtError('GBDT_MODEL_FORMAT', 'saveModel: the model was not created by @shopfloor/gbdt');
  const f = model.forest;
  const params: Record<string, unknown> = {};
  for (const key of Object.keys(paramSchema)) params[key] = (model.params as unknown as Record<string, unknown>)[key] ?? null;
  const doc = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    objective: model.objective,
    nClasses: f.nClasses,
    nFeatures: f.nFeatures,
    nIterations: model.nIterations,
    float32: f.float32,
    features: model.features.map((x) => (x.categories ? { name: x.name, type: x.type, categories: [...x.categories] } : { name: x.name, type: x.type })),
    binEdges: model.binEdges.map((e) => e.map(encodeNumber)),
    params,
    baseScore: Array.from(f.baseScore, encodeNumber),
    treeClass: Array.from(f.treeClass),
    trees: f.trees.map((t) => ({
      feature: Array.from(t.feature),
      threshold: Array.from(t.threshold, encodeNumber),
      missingLeft: Array.from(t.missingLeft),
      left: Array.from(t.left),
      right: Array.from(t.right),
      value: Array.from(t.value, encodeNumber),
      cover: Array.from(t.cover, encodeNumber),
      gain: Array.from(t.gain, encodeNumber),
      catOffset: Array.from(t.catOffset),
      catBits: Array.from(t.catBits),
    })),
  };
  return JSON.stringify(doc);
}

function encodeNumber(v: number): number | string {
  return Number.isFinite(v) && !Object.is(v, -0) ? v : Object.is(v, -0) ? '-0' : String(v);
}

function fail(message: string, path: string): never {
  throw new GbdtError('GBDT_MODEL_FORMAT', message, { path });
}

/** Parses and checks a saved model; throws GBDT_MODEL_FORMAT naming the first missing or wrong field. */
export function loadModel(text: string): GbdtModel {
  if (typeof text !== 'string') fail('model text must be a string', '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(`model is not valid JSON: ${(e as Error).message}`, '');
  }
  const root = object(doc, '(root)');
  if (root['format'] !== MODEL_FORMAT) fail(`format: expected '${MODEL_FORMAT}', got ${JSON.stringify(root['format'])}`, 'format');
  const version = root['formatVersion'];
  if (version !== MODEL_FORMAT_VERSION) fail(`formatVersion: ${JSON.stringify(version)} is not supported (this version reads ${MODEL_FORMAT_VERSION})`, 'formatVersion');
  const objective = field(root, 'objective', '');
  if (!OBJECTIVES.includes(objective as Objective)) fail(`objective: unknown objective ${JSON.stringify(objective)}`, 'objective');
  const nClasses = integer(field(root, 'nClasses', ''), 'nClasses', 1);
  const nFeatures = integer(field(root, 'nFeatures', ''), 'nFeatures', 1);
  const nIterations = integer(field(root, 'nIterations', ''), 'nIterations', 0);
  const float32 = field(root, 'float32', '');
  if (typeof float32 !== 'boolean') fail('float32: expected true or false', 'float32');
  const features = array(field(root, 'features', ''), 'features', nFeatures).map((x, j) => readFeature(x, `features[${j}]`));
  const binEdges = array(field(root, 'binEdges', ''), 'binEdges', nFeatures).map((e, j) => Array.from(floats(e, `binEdges[${j}]`)));
  const params = readParams(field(root, 'params', ''), objective as Objective);
  const baseScore = floats(field(root, 'baseScore', ''), 'baseScore', nClasses);
  const trees = array(field(root, 'trees', ''), 'trees').map((t, i) => readTree(t, `trees[${i}]`));
  const treeClass = ints(field(root, 'treeClass', ''), 'treeClass', trees.length);
  const forest: Forest = { trees, treeClass, baseScore, nClasses, nFeatures, float32 };
  return modelFromForest(forest, { objective: objective as Objective, features, params, nIterations, binEdges });
}

function readFeature(x: unknown, at: string): FeatureInfo {
  const o = object(x, at);
  const name = field(o, 'name', at);
  if (typeof name !== 'string') fail(`${at}.name: expected a string`, `${at}.name`);
  const type = field(o, 'type', at);
  if (type !== 'numeric' && type !== 'categorical') fail(`${at}.type: expected 'numeric' or 'categorical', got ${JSON.stringify(type)}`, `${at}.type`);
  if (o['categories'] === undefined) return { name, type };
  const categories = array(o['categories'], `${at}.categories`).map((c, k) => (typeof c === 'string' ? c : fail(`${at}.categories[${k}]: expected a string`, `${at}.categories[${k}]`)));
  return { name, type, categories };
}

function readParams(x: unknown, objective: Objective): Partial<GbdtParams> {
  const o = object(x, 'params');
  const out: Record<string, unknown> = { objective };
  for (const [key, spec] of Object.entries(paramSchema) as [string, ParamSpec][]) {
    const v = o[key];
    if (key === 'objective' || v === undefined) continue;
    if (v === null) {
      out[key] = undefined;
      continue;
    }
    const numeric = spec.kind === 'integer' || spec.kind === 'number';
    if (numeric && typeof v !== 'number') fail(`params.${key}: expected a number, got ${JSON.stringify(v)}`, `params.${key}`);
    out[key] = v;
  }
  return out as Partial<GbdtParams>;
}

function readTree(x: unknown, at: string): FlatTree {
  const o = object(x, at);
  const feature = ints(field(o, 'feature', at), `${at}.feature`);
  const n = feature.length;
  return {
    feature,
    threshold: floats(field(o, 'threshold', at), `${at}.threshold`, n),
    missingLeft: Uint8Array.from(ints(field(o, 'missingLeft', at), `${at}.missingLeft`, n, 0, 1)),
    left: ints(field(o, 'left', at), `${at}.left`, n),
    right: ints(field(o, 'right', at), `${at}.right`, n),
    value: floats(field(o, 'value', at), `${at}.value`, n),
    cover: floats(field(o, 'cover', at), `${at}.cover`, n),
    gain: floats(field(o, 'gain', at), `${at}.gain`, n),
    catOffset: ints(field(o, 'catOffset', at), `${at}.catOffset`, n),
    catBits: Uint32Array.from(ints(field(o, 'catBits', at), `${at}.catBits`, undefined, 0, 0xffffffff, true)),
  };
}

function object(x: unknown, at: string): Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) fail(`${at}: expected an object`, at);
  return x as Record<string, unknown>;
}

function field(o: Record<string, unknown>, key: string, at: string): unknown {
  const path = at === '' ? key : `${at}.${key}`;
  if (!(key in o)) fail(`${path}: missing`, path);
  return o[key];
}

function array(x: unknown, at: string, length?: number): unknown[] {
  if (!Array.isArray(x) || (length !== undefined && x.length !== length)) {
    fail(`${at}: expected array${length === undefined ? '' : ` of length ${length}`}${Array.isArray(x) ? `, got length ${x.length}` : ''}`, at);
  }
  return x;
}

function integer(x: unknown, at: string, min: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) fail(`${at}: expected an integer >= ${min}, got ${JSON.stringify(x)}`, at);
  return x;
}

function floats(x: unknown, at: string, length?: number): Float64Array {
  const a = array(x, at, length);
  const out = new Float64Array(a.length);
  a.forEach((v, i) => {
    if (typeof v === 'number') out[i] = v;
    else if (v === 'NaN' || v === 'Infinity' || v === '-Infinity' || v === '-0') out[i] = Number(v);
    else fail(`${at}[${i}]: expected a number, got ${JSON.stringify(v)}`, `${at}[${i}]`);
  });
  return out;
}

function ints(x: unknown, at: string, length?: number, min = -2147483648, max = 2147483647, unsigned = false): Int32Array {
  const a = array(x, at, length);
  const out = new Int32Array(a.length);
  a.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`${at}[${i}]: expected an integer in [${min}, ${max}], got ${JSON.stringify(v)}`, `${at}[${i}]`);
    out[i] = unsigned ? v | 0 : v;
  });
  return out;
}
