// Imports an XGBoost model saved as JSON (`Booster.save_model('m.json')`) as a float32 Forest / GbdtModel.
import { GbdtError, type GbdtModel } from './api.js';
import { modelFromForest } from './model.js';
import type { FlatTree, Forest } from './tree.js';
import type { FeatureInfo, GbdtParams, Objective } from './types.js';

/** XGBoost releases whose JSON model format and prediction rules were checked against fixtures. */
export const SUPPORTED_XGBOOST_VERSIONS = '1.7.x';

export interface ImportXGBoostOptions {
  /** Names for the features (default: the model's feature_names, else f0..f{n-1}). */
  featureNames?: readonly string[];
  /**
   * Category labels per categorical feature name, in code order (pandas' `.cat.categories`). XGBoost 1.7's
   * JSON keeps only codes, so without this a feature is given labels "0".."31" (or up to the next multiple
   * of 32 above the largest code a split lists), every one of which routes exactly as in XGBoost.
   */
  categories?: Readonly<Record<string, readonly string[]>>;
}

/** What the importer reads from the file: the forest plus what modelFromForest needs besides it. */
export interface XGBoostImport {
  forest: Forest;
  objective: Objective;
  features: FeatureInfo[];
  nIterations: number;
  /** e.g. "1.7.4" */
  version: string;
  /** XGBoost's objective name, e.g. "binary:logistic". */
  xgboostObjective: string;
  /** huber_slope of reg:pseudohubererror. */
  huberSlope: number | undefined;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

function formatError(message: string, path: string): GbdtError {
  return new GbdtError('GBDT_MODEL_FORMAT', `XGBoost model: ${message} (at ${path})`, { field: path });
}

/**
 * JSON.parse after turning the bare NaN / Infinity tokens XGBoost writes (e.g. split_conditions of
 * categorical nodes) into null / 1e999 (JSON.parse reads 1e999 as Infinity). Strings are left alone.
 */
function parseXGBoostJson(text: string): JsonObject {
  const cleaned = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (token) =>
    token.startsWith('"') ? token : token === 'NaN' ? 'null' : token.startsWith('-') ? '-1e999' : '1e999',
  );
  let parsed: Json;
  try {
    parsed = JSON.parse(cleaned);
  } catch (err) {
    throw new GbdtError('GBDT_MODEL_FORMAT', `XGBoost model is not valid JSON (binary UBJSON models are not read; save with a .json name): ${(err as Error).message}`, { field: '$', cause: err });
  }
  if (!isObject(parsed)) throw formatError('the document is not a JSON object', '$');
  return parsed;
}

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(parent: JsonObject, key: string, path: string): JsonObject {
  const v = parent[key];
  if (v === undefined) throw formatError(`missing field ${path}.${key}`, `${path}.${key}`);
  if (!isObject(v)) throw formatError(`${path}.${key} is not an object`, `${path}.${key}`);
  return v;
}

function str(parent: JsonObject, key: string, path: string): string {
  const v = parent[key];
  if (v === undefined) throw formatError(`missing field ${path}.${key}`, `${path}.${key}`);
  if (typeof v !== 'string') throw formatError(`${path}.${key} is not a string`, `${path}.${key}`);
  return v;
}

/** A number XGBoost stores as a string ("5E-1", "3"). */
function numStr(parent: JsonObject, key: string, path: string): number {
  const s = str(parent, key, path);
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw formatError(`${path}.${key} is not a number: "${s}"`, `${path}.${key}`);
  return v;
}

function intStr(parent: JsonObject, key: string, path: string): number {
  const v = numStr(parent, key, path);
  if (!Number.isInteger(v) || v < 0) throw formatError(`${path}.${key} is not a non-negative integer: ${v}`, `${path}.${key}`);
  return v;
}

/** A numeric array; null (XGBoost's NaN) reads as NaN. Length checked when given. */
function nums(parent: JsonObject, key: string, path: string, length?: number, integer = false): number[] {
  const v = parent[key];
  const at = `${path}.${key}`;
  if (v === undefined) throw formatError(`missing field ${at}`, at);
  if (!Array.isArray(v)) throw formatError(`${at} is not an array`, at);
  if (length !== undefined && v.length !== length) throw formatError(`${at} has ${v.length} entries, expected ${length}`, at);
  return v.map((x: Json, i) => {
    const n = x === null ? NaN : x;
    if (typeof n !== 'number' || (integer && !Number.isInteger(n))) throw formatError(`${at}[${i}] is not ${integer ? 'an integer' : 'a number'}`, `${at}[${i}]`);
    return n;
  });
}

function checkVersion(doc: JsonObject): string {
  const v = doc['version'];
  if (v === undefined) throw formatError('missing field version', 'version');
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => Number.isInteger(x))) {
    throw formatError(`version is not [major, minor, patch]: ${JSON.stringify(v)}`, 'version');
  }
  const version = v.join('.');
  if (v[0] !== 1 || v[1] !== 7) {
    throw new GbdtError('GBDT_XGBOOST_UNSUPPORTED', `XGBoost ${version} models are not supported (supported: ${SUPPORTED_XGBOOST_VERSIONS}); re-save the model with XGBoost 1.7`, { version });
  }
  return version;
}

/** float32 arithmetic helpers: every step of XGBoost's float code rounded as it is. */
const f32 = Math.fround;

interface ObjectiveRule {
  objective: Objective;
  /** XGBoost's ObjFunction::ProbToMargin in float32: base_score -> margin added before the trees. */
  baseMargin: (baseScore: number) => number;
}

const identity = (b: number): number => f32(b);
const OBJECTIVES: Readonly<Record<string, ObjectiveRule>> = {
  'binary:logistic': { objective: 'binary', baseMargin: (b) => -f32(Math.log(f32(f32(1 / b) - 1))) },
  'reg:squarederror': { objective: 'squared_error', baseMargin: identity },
  'reg:linear': { objective: 'squared_error', baseMargin: identity },
  'reg:absoluteerror': { objective: 'absolute_error', baseMargin: identity },
  'reg:pseudohubererror': { objective: 'huber', baseMargin: identity },
  'count:poisson': { objective: 'poisson', baseMargin: (b) => f32(Math.log(b)) },
  'multi:softprob': { objective: 'multiclass', baseMargin: identity },
  'multi:softmax': { objective: 'multiclass', baseMargin: identity },
};

function readObjective(learner: JsonObject): { name: string; rule: ObjectiveRule; huberSlope: number | undefined } {
  const o = obj(learner, 'objective', 'learner');
  const name = str(o, 'name', 'learner.objective');
  const rule = Object.hasOwn(OBJECTIVES, name) ? OBJECTIVES[name] : undefined;
  if (rule === undefined) {
    throw new GbdtError('GBDT_XGBOOST_UNSUPPORTED', `XGBoost objective "${name}" is not supported (supported: ${Object.keys(OBJECTIVES).join(', ')})`, { objective: name });
  }
  const hp = o['pseudo_huber_param'];
  const huberSlope = isObject(hp) && hp['huber_slope'] !== undefined ? numStr(hp, 'huber_slope', 'learner.objective.pseudo_huber_param') : undefined;
  return { name, rule, huberSlope };
}

/** One tree as XGBoost stores it: arrays indexed by XGBoost's node id. */
interface RawTree {
  path: string;
  left: number[];
  right: number[];
  splitIndex: number[];
  cond: number[];
  defaultLeft: number[];
  sumHessian: number[];
  lossChange: number[];
  splitType: number[];
  /** node id -> categories that go to XGBoost's RIGHT child (XGBoost sends listed categories right). */
  cats: Map<number, number[]>;
}

/** XGBoost accepts category codes in [0, 2^24). */
const MAX_CATEGORY = 16777216;

function readTree(t: Json, path: string, nFeatures: number): RawTree {
  if (!isObject(t)) throw formatError(`${path} is not an object`, path);
  const tp = obj(t, 'tree_param', path);
  const n = intStr(tp, 'num_nodes', `${path}.tree_param`);
  if (n < 1) throw formatError(`${path}.tree_param.num_nodes is 0`, `${path}.tree_param.num_nodes`);
  const slv = tp['size_leaf_vector'];
  if (slv !== undefined && slv !== '0' && slv !== '1') {
    throw new GbdtError('GBDT_XGBOOST_UNSUPPORTED', `vector leaves (multi-target trees) are not supported (${path}.tree_param.size_leaf_vector = ${String(slv)})`, { field: `${path}.tree_param.size_leaf_vector` });
  }
  const raw: RawTree = {
    path,
    left: nums(t, 'left_children', path, n, true),
    right: nums(t, 'right_children', path, n, true),
    splitIndex: nums(t, 'split_indices', path, n, true),
    cond: nums(t, 'split_conditions', path, n),
    defaultLeft: nums(t, 'default_left', path, n, true),
    sumHessian: nums(t, 'sum_hessian', path, n),
    lossChange: nums(t, 'loss_changes', path, n),
    splitType: t['split_type'] === undefined ? new Array<number>(n).fill(0) : nums(t, 'split_type', path, n, true),
    cats: new Map(),
  };
  const catNodes = nums(t, 'categories_nodes', path, undefined, true);
  const segments = nums(t, 'categories_segments', path, catNodes.length, true);
  const sizes = nums(t, 'categories_sizes', path, catNodes.length, true);
  const categories = nums(t, 'categories', path, undefined, true);
  catNodes.forEach((node, k) => {
    const beg = segments[k] ?? 0;
    const end = beg + (sizes[k] ?? 0);
    if (node < 0 || node >= n || beg < 0 || end > categories.length) {
      throw formatError(`categories_nodes[${k}] = ${node} with segment [${beg}, ${end}) is out of range`, `${path}.categories_nodes[${k}]`);
    }
    const set = categories.slice(beg, end);
    if (set.some((c) => c < 0 || c >= MAX_CATEGORY)) throw formatError(`a category of node ${node} is outside [0, 2^24)`, `${path}.categories`);
    raw.cats.set(node, set);
  });
  for (let i = 0; i < n; i++) {
    if (raw.left[i] === -1) continue;
    const f = raw.splitIndex[i] ?? -1;
    if (f < 0 || f >= nFeatures) throw formatError(`split_indices[${i}] = ${f} is not a feature index below ${nFeatures}`, `${path}.split_indices[${i}]`);
    if (raw.splitType[i] === 1 && !raw.cats.has(i)) throw formatError(`categorical node ${i} has no categories`, `${path}.categories_nodes`);
    if (raw.splitType[i] !== 0 && raw.splitType[i] !== 1) throw formatError(`split_type[${i}] = ${raw.splitType[i]} is unknown`, `${path}.split_type[${i}]`);
  }
  return raw;
}

/** Largest float32 strictly below t (t a finite float32 or +Infinity). */
function float32Below(t: number): number {
  if (t === 0) return -f32(1.401298464324817e-45);
  const view = new Float32Array([t]);
  const bits = new Uint32Array(view.buffer);
  bits[0] = t > 0 ? (bits[0] ?? 0) - 1 : (bits[0] ?? 0) + 1;
  return view[0] ?? NaN;
}

/**
 * XGBoost's node ids renumbered breadth-first from the root, so unreachable (deleted) nodes drop out
 * and a cycle or shared child is caught. Returns order[newId] = xgboost id.
 */
function reachableOrder(raw: RawTree): number[] {
  const n = raw.left.length;
  const seen = new Uint8Array(n);
  const order = [0];
  seen[0] = 1;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] ?? 0;
    const l = raw.left[i] ?? -1;
    const r = raw.right[i] ?? -1;
    if (l === -1 && r === -1) continue;
    for (const c of [l, r]) {
      if (c < 1 || c >= n || seen[c] === 1) throw formatError(`node ${i} has child ${c}, not a new node id below ${n}`, `${raw.path}.left_children[${i}]`);
      seen[c] = 1;
      order.push(c);
    }
  }
  return order;
}

/**
 * Numeric node: XGBoost goes left when x < cond (float32); we go left when x <= threshold, and for a
 * float32 x, x < cond  <=>  x <= (largest float32 below cond).
 * Categorical node: XGBoost sends the LISTED categories right and everything else (including codes
 * beyond the list) left. We store the listed set in catBits and swap the children, so our left child
 * is XGBoost's right child, any code whose bit is clear goes to XGBoost's left child, and missing
 * values follow XGBoost's default_left through the swapped flag.
 */
function convertTree(raw: RawTree, catWords: Int32Array): FlatTree {
  const order = reachableOrder(raw);
  const newId = new Map<number, number>(order.map((old, k) => [old, k]));
  const m = order.length;
  const t = {
    feature: new Int32Array(m), threshold: new Float64Array(m), missingLeft: new Uint8Array(m),
    left: new Int32Array(m).fill(-1), right: new Int32Array(m).fill(-1), value: new Float64Array(m),
    cover: new Float64Array(m), gain: new Float64Array(m), catOffset: new Int32Array(m).fill(-1),
  };
  const bits: number[] = [];
  order.forEach((i, k) => {
    const cond = raw.cond[i] ?? NaN;
    t.cover[k] = raw.sumHessian[i] ?? 0;
    if (raw.left[i] === -1) {
      if (!Number.isFinite(cond)) throw formatError(`leaf ${i} has value ${cond}`, `${raw.path}.split_conditions[${i}]`);
      t.feature[k] = -1;
      t.value[k] = f32(cond);
      return;
    }
    const f = raw.splitIndex[i] ?? 0;
    const l = newId.get(raw.left[i] ?? -1) ?? -1;
    const r = newId.get(raw.right[i] ?? -1) ?? -1;
    const dl = raw.defaultLeft[i] === 1 ? 1 : 0;
    t.feature[k] = f;
    t.gain[k] = raw.lossChange[i] ?? 0;
    const cats = raw.splitType[i] === 1 ? raw.cats.get(i) : undefined;
    if (cats === undefined) {
      if (Number.isNaN(cond) || cond === -Infinity) throw formatError(`numeric split ${i} has condition ${cond}`, `${raw.path}.split_conditions[${i}]`);
      t.threshold[k] = float32Below(f32(cond));
      t.left[k] = l;
      t.right[k] = r;
      t.missingLeft[k] = dl;
      return;
    }
    const offset = bits.length;
    for (let w = 0; w < (catWords[f] ?? 0); w++) bits.push(0);
    for (const c of cats) bits[offset + (c >>> 5)] = ((bits[offset + (c >>> 5)] ?? 0) | (1 << (c & 31))) >>> 0;
    t.catOffset[k] = offset;
    t.threshold[k] = NaN;
    t.left[k] = r;
    t.right[k] = l;
    t.missingLeft[k] = 1 - dl;
  });
  return { ...t, catBits: Uint32Array.from(bits) };
}

function readFeatures(learner: JsonObject, nFeatures: number, trees: readonly RawTree[], options: ImportXGBoostOptions): FeatureInfo[] {
  const fileNames = learner['feature_names'];
  const fileTypes = learner['feature_types'];
  const names = options.featureNames ?? (Array.isArray(fileNames) && fileNames.length > 0 ? fileNames : undefined);
  if (names !== undefined && (names.length !== nFeatures || !names.every((s) => typeof s === 'string'))) {
    const param = options.featureNames !== undefined ? 'featureNames' : 'learner.feature_names';
    throw new GbdtError(options.featureNames !== undefined ? 'GBDT_INVALID_PARAM' : 'GBDT_MODEL_FORMAT', `${param} must hold ${nFeatures} strings (the model's num_feature), got ${names.length}`, { param });
  }
  // Largest category code any split lists, per feature (-1: no categorical split).
  const maxCode = new Array<number>(nFeatures).fill(-1);
  for (const raw of trees) for (const [node, set] of raw.cats) {
    const f = raw.splitIndex[node] ?? 0;
    for (const c of set) if (c > (maxCode[f] ?? -1)) maxCode[f] = c;
  }
  return Array.from({ length: nFeatures }, (_, j): FeatureInfo => {
    const name = (names?.[j] as string | undefined) ?? `f${j}`;
    const xgbType = Array.isArray(fileTypes) ? fileTypes[j] : undefined;
    if (xgbType !== 'c' && (maxCode[j] ?? -1) < 0) return { name, type: 'numeric' };
    const labels = options.categories !== undefined && Object.hasOwn(options.categories, name) ? options.categories[name] : undefined;
    const needed = (maxCode[j] ?? -1) + 1;
    if (labels !== undefined && labels.length < needed) {
      throw new GbdtError('GBDT_INVALID_PARAM', `categories.${name} has ${labels.length} labels but the model's splits use category code ${needed - 1}`, { param: `categories.${name}`, column: name });
    }
    // Without labels, accept every code whose bit the node words hold (a multiple of 32): XGBoost routes
    // each of them the same way, so predictions still match it; codes past that are refused at predict time.
    const stored = 32 * Math.max(1, Math.ceil(needed / 32));
    return { name, type: 'categorical', categories: labels ?? Array.from({ length: stored }, (_, c) => String(c)) };
  });
}

/** Reads the model file into a float32 Forest plus what a GbdtModel needs; throws GbdtError on anything it cannot honour. */
export function forestFromXGBoost(jsonText: string, options: ImportXGBoostOptions = {}): XGBoostImport {
  const doc = parseXGBoostJson(jsonText);
  const version = checkVersion(doc);
  const learner = obj(doc, 'learner', '$');
  const { name: xgboostObjective, rule, huberSlope } = readObjective(learner);
  const mp = obj(learner, 'learner_model_param', 'learner');
  const baseScore = numStr(mp, 'base_score', 'learner.learner_model_param');
  const numClass = intStr(mp, 'num_class', 'learner.learner_model_param');
  const nFeatures = intStr(mp, 'num_feature', 'learner.learner_model_param');
  const gb = obj(learner, 'gradient_booster', 'learner');
  const boosterName = str(gb, 'name', 'learner.gradient_booster');
  if (boosterName !== 'gbtree') {
    throw new GbdtError('GBDT_XGBOOST_UNSUPPORTED', `XGBoost booster "${boosterName}" is not supported (only gbtree)`, { booster: boosterName });
  }
  const model = obj(gb, 'model', 'learner.gradient_booster');
  const mpath = 'learner.gradient_booster.model';
  const gp = obj(model, 'gbtree_model_param', mpath);
  const numTrees = intStr(gp, 'num_trees', `${mpath}.gbtree_model_param`);
  const parallel = gp['num_parallel_tree'] === undefined ? 1 : intStr(gp, 'num_parallel_tree', `${mpath}.gbtree_model_param`);
  const treeList = model['trees'];
  if (!Array.isArray(treeList)) throw formatError(treeList === undefined ? `missing field ${mpath}.trees` : `${mpath}.trees is not an array`, `${mpath}.trees`);
  if (treeList.length !== numTrees) throw formatError(`${mpath}.trees has ${treeList.length} trees, num_trees says ${numTrees}`, `${mpath}.trees`);
  const multiclass = rule.objective === 'multiclass';
  const nClasses = multiclass ? numClass : 1;
  if (multiclass && numClass < 2) throw formatError(`num_class is ${numClass} for ${xgboostObjective}`, 'learner.learner_model_param.num_class');
  const treeInfo = nums(model, 'tree_info', mpath, numTrees, true);
  treeInfo.forEach((c, t) => {
    if (c < 0 || c >= nClasses) throw formatError(`tree_info[${t}] = ${c} is not a class below ${nClasses}`, `${mpath}.tree_info[${t}]`);
  });
  const raws = treeList.map((t: Json, i) => readTree(t, `${mpath}.trees[${i}]`, nFeatures));
  const features = readFeatures(learner, nFeatures, raws, options);
  const catWords = Int32Array.from(features, (f) => (f.type === 'categorical' ? Math.ceil((f.categories?.length ?? 1) / 32) : 0));
  const perRound = nClasses * Math.max(parallel, 1);
  const forest: Forest = {
    trees: raws.map((raw) => convertTree(raw, catWords)),
    treeClass: Int32Array.from(treeInfo),
    baseScore: new Float64Array(nClasses).fill(rule.baseMargin(f32(baseScore))),
    nClasses,
    nFeatures,
    float32: true,
  };
  if (!Number.isFinite(forest.baseScore[0] ?? NaN)) {
    throw formatError(`base_score ${baseScore} has no finite margin under ${xgboostObjective}`, 'learner.learner_model_param.base_score');
  }
  return { forest, objective: rule.objective, features, nIterations: Math.ceil(numTrees / perRound), version, xgboostObjective, huberSlope };
}

/**
 * Imports an XGBoost model saved as JSON by `Booster.save_model('m.json')` (XGBoost 1.7.x, gbtree).
 * Predictions follow XGBoost's float32 arithmetic: inputs pass through Math.fround and margins are summed
 * in float32 in tree order. Throws GbdtError GBDT_XGBOOST_UNSUPPORTED (version, objective, booster) or
 * GBDT_MODEL_FORMAT (naming the field path) instead of loading anything it cannot reproduce.
 */
export function importXGBoost(jsonText: string, options: ImportXGBoostOptions = {}): GbdtModel {
  const imported = forestFromXGBoost(jsonText, options);
  // The JSON model keeps no training parameters (eta, max_depth...): only these can be read back.
  const params: Partial<GbdtParams> = { objective: imported.objective, maxIter: imported.nIterations };
  if (imported.objective === 'multiclass') params.numClass = imported.forest.nClasses;
  if (imported.huberSlope !== undefined) params.huberDelta = imported.huberSlope;
  return modelFromForest(imported.forest, { objective: imported.objective, features: imported.features, params, nIterations: imported.nIterations });
}
