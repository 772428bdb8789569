// The estimator: GradientBoosting stores parameters; fit() validates, bins, boosts and returns a GbdtModel.
import type { GbdtModel } from './api.js';
import { serialBackend, type TrainingBackend } from './backend.js';
import type { BinnedData } from './binning.js';
import { binnedLeaf, createGrowerWorkspace, growTree, type GrowerOptions, type GrownTree } from './grower.js';
import { createLoss, weightedQuantile } from './loss.js';
import { modelFromForest, type ModelMeta } from './model.js';
import { resolveParams } from './params.js';
import { addTreeMargins } from './predictor.js';
import { prepareFit, type PreparedFit } from './prepare.js';
import { Rng, sampleSorted } from './random.js';
import type { FlatTree, Forest } from './tree.js';
import type { FitInput, GbdtParams, Objective, TrainingProgress } from './types.js';

export { modelFromForest, type ModelMeta } from './model.js';

/** Seed offsets so binning, row and feature sampling draw from independent streams of one seed. */
const BINNING_STREAM = 0x5bd1e995;

export class GradientBoosting {
  readonly params: Readonly<Partial<GbdtParams> & { objective: Objective }>;

  constructor(params: Partial<GbdtParams> & { objective: Objective }) {
    this.params = Object.freeze({ ...params });
  }

  /** Trains on input and returns the fitted model; throws GbdtError on bad parameters or data. */
  fit(input: FitInput): GbdtModel {
    const params = resolveParams(this.params);
    const data = prepareFit(input, params);
    const { forest, meta } = trainForest(data, params, input.onProgress);
    return modelFromForest(forest, meta);
  }
}

/** What a fit produces before it becomes a model (plain data, so it can cross from a worker thread). */
export interface TrainedForest {
  readonly forest: Forest;
  readonly meta: ModelMeta;
}

/** Boosts on checked data; the backend decides how many threads do the work (the result is the same). */
export function trainForest(
  data: PreparedFit,
  params: GbdtParams,
  onProgress: ((p: TrainingProgress) => void) | undefined,
  backend: TrainingBackend = serialBackend,
): TrainedForest {
  const started = now();
  const { X, y, w, validation } = data;
  // Sizes as int32: a count that V8 holds as a heap double (e.g. from Math.floor) would otherwise make
  // every index derived from it a float in the hot loops, at about half their speed.
  const n = X.nRows | 0;
  const p = X.nFeatures | 0;
  const loss = createLoss(params.objective, { nClasses: data.nClasses, quantileAlpha: params.quantileAlpha, huberDelta: params.huberDelta });
  const K = loss.nOutputs;
  const binned = backend.bin(X, data.isCategorical, data.nCategories, params.maxBins, (params.seed ^ BINNING_STREAM) >>> 0);
  const baseScore = loss.baseline(y, w);
  const { raw, grad, hess, rows: partition } = backend.arrays(K, n);
  baseScore.forEach((b, k) => raw.fill(b, k * n, (k + 1) * n));
  const validRaw = validation === undefined ? undefined : marginsFrom(baseScore, validation.X.nRows);
  const ws = createGrowerWorkspace(binned, partition);
  const rng = new Rng(params.seed);
  const allFeatures = Int32Array.from({ length: p }, (_, j) => j);
  const nSampled = Math.max(1, Math.round(params.subsample * n));
  const nFeaturesPerTree = Math.max(1, Math.round(params.colsampleByTree * p));
  const sampled = new Int32Array(n);
  const inBag = new Uint8Array(n);
  const opts: GrowerOptions = {
    maxLeafNodes: params.maxLeafNodes,
    maxDepth: params.maxDepth,
    learningRate: params.learningRate,
    rules: { l2Regularization: params.l2Regularization, minSamplesLeaf: params.minSamplesLeaf, minChildWeight: params.minChildWeight, monotonic: data.monotonic },
  };
  const splitter = backend.splitter(binned, ws.rows, opts.rules);
  const trees: FlatTree[] = [];
  const treeClass: number[] = [];
  let bestLoss = Infinity;
  let bestIteration = -1;
  let iterations = 0;
  for (let it = 0; it < params.maxIter; it++) {
    backend.gradients(loss, y, raw, w, grad, hess);
    const rows = nSampled === n ? fillAll(sampled) : sampleSorted(rng, n, nSampled, sampled);
    if (nSampled !== n) markInBag(rows, inBag);
    for (let k = 0; k < K; k++) {
      const features = nFeaturesPerTree === p ? allFeatures : sampleSorted(rng, p, nFeaturesPerTree);
      ws.rows.set(rows);
      const grown = growTree(binned, grad.subarray(k * n, (k + 1) * n), hess.subarray(k * n, (k + 1) * n), rows.length, features, opts, ws, splitter);
      if (loss.leafQuantile !== undefined) renewLeaves(grown, ws.rows, y, raw.subarray(k * n, (k + 1) * n), w, loss.leafQuantile, params.learningRate);
      addToTrainMargins(grown, ws.rows, binned, raw, k * n, nSampled === n ? undefined : inBag);
      if (validation !== undefined) addTreeMargins(grown.tree, validation.X, validRaw!, k * validation.X.nRows);
      trees.push(grown.tree);
      treeClass.push(k);
    }
    iterations = it + 1;
    const validLoss = validation === undefined ? undefined : loss.loss(validation.y, validRaw!, validation.w);
    onProgress?.({ iteration: iterations, maxIter: params.maxIter, trainLoss: loss.loss(y, raw, w), validLoss, elapsedMs: now() - started });
    if (params.earlyStoppingPatience !== undefined && validLoss !== undefined) {
      if (validLoss < bestLoss - params.earlyStoppingTolerance) {
        bestLoss = validLoss;
        bestIteration = it;
      } else if (it - bestIteration >= params.earlyStoppingPatience) break;
    }
  }
  const kept = params.earlyStoppingPatience !== undefined ? bestIteration + 1 : iterations;
  const forest: Forest = {
    trees: trees.slice(0, kept * K),
    treeClass: Int32Array.from(treeClass.slice(0, kept * K)),
    baseScore,
    nClasses: K,
    nFeatures: p,
    float32: false,
  };
  const binEdges = binned.thresholds.map((t) => Array.from(t));
  return { forest, meta: { objective: params.objective, features: data.features, params, nIterations: kept, binEdges } };
}

/** Platform-neutral clock: `performance` exists in Node and browsers but is not in the ES lib types. */
function now(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

/** Class-major margins (K x n) starting at the baseline of each class. */
function marginsFrom(base: Float64Array, n: number): Float64Array {
  const out = new Float64Array(base.length * n);
  base.forEach((b, k) => out.fill(b, k * n, (k + 1) * n));
  return out;
}

function fillAll(rows: Int32Array): Int32Array {
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return rows;
}

function markInBag(rows: Int32Array, inBag: Uint8Array): void {
  inBag.fill(0);
  for (let i = 0; i < rows.length; i++) inBag[rows[i]!] = 1;
}

/**
 * Adds the new tree to the training margins of class block `offset`. Rows the tree trained on are found
 * through the leaves' partition segments; rows outside the sample (inBag[r] = 0) walk the binned tree.
 */
function addToTrainMargins(grown: GrownTree, rows: Int32Array, binned: BinnedData, raw: Float64Array, offset: number, inBag: Uint8Array | undefined): void {
  const value = grown.tree.value;
  for (let k = 0; k < grown.leaves.length; k++) {
    const v = value[grown.leaves[k]!]!;
    const end = (grown.leafStart[k]! + grown.leafCount[k]!) | 0;
    const base = offset | 0;
    for (let i = grown.leafStart[k]! | 0; i < end; i++) {
      const o = base + rows[i]!;
      raw[o] = raw[o]! + v;
    }
  }
  if (inBag === undefined) return;
  for (let r = 0; r < binned.nRows; r++) {
    if (inBag[r]) continue;
    raw[offset + r] = raw[offset + r]! + value[binnedLeaf(grown, binned, r)]!;
  }
}

/**
 * absolute_error / quantile: a Newton step with hessian 1 is a poor leaf value, so each leaf gets the
 * weighted quantile of its rows' residuals y - raw (LightGBM's RenewTreeOutput), clipped to the leaf's
 * monotonic bounds and shrunk by the learning rate.
 */
function renewLeaves(grown: GrownTree, rows: Int32Array, y: Float64Array, raw: Float64Array, w: Float64Array | undefined, alpha: number, learningRate: number): void {
  const { tree, leaves, leafStart, leafCount, lower, upper } = grown;
  for (let k = 0; k < leaves.length; k++) {
    const leaf = leaves[k]!;
    const count = leafCount[k]!;
    const residuals = new Float64Array(count);
    const weights = w === undefined ? undefined : new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const r = rows[leafStart[k]! + i]!;
      residuals[i] = y[r]! - raw[r]!;
      if (weights !== undefined) weights[i] = w![r]!;
    }
    const q = weightedQuantile(residuals, weights, alpha);
    tree.value[leaf] = Math.min(upper[leaf]!, Math.max(lower[leaf]!, q)) * learningRate;
  }
}
