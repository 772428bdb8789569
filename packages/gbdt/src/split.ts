// Split finding on a node's histogram: numeric thresholds with a learned missing side, native categorical sets.
import type { BinnedData } from './binning.js';

/** Categories with fewer rows than this in a node are not ranked; they go right (scikit-learn's MIN_CAT_SUPPORT). */
export const MIN_CAT_SUPPORT = 10;
/** Smoothing of the gradient/hessian ratio categories are sorted by (scikit-learn uses MIN_CAT_SUPPORT). */
export const CAT_SMOOTH = 10;

export interface SplitRules {
  readonly l2Regularization: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  /** Per feature: -1 non-increasing, 0 free, 1 non-decreasing. */
  readonly monotonic: Int8Array;
}

/** What a node knows before it is split: its sums and the bounds monotonic constraints put on its value. */
export interface NodeStats {
  readonly sumG: number;
  readonly sumH: number;
  readonly count: number;
  readonly lower: number;
  readonly upper: number;
}

/** The best split found for a node (one per open leaf; written only by findBestSplit). */
export class SplitInfo {
  gain = -Infinity;
  feature = -1;
  /** Numeric: rows with bin <= binThreshold go left. */
  binThreshold = -1;
  missingLeft = false;
  categorical = false;
  /** Categorical: bit b set = category (bin) b goes left. 256 bits. */
  readonly catBits = new Uint32Array(8);
  leftG = 0;
  leftH = 0;
  leftCount = 0;
  rightG = 0;
  rightH = 0;
  rightCount = 0;
  /** Unshrunk child values, already clipped to the node's bounds. */
  leftValue = 0;
  rightValue = 0;
}

export interface SplitScratch {
  readonly catOrder: Int32Array;
  readonly catValue: Float64Array;
}

export function createSplitScratch(): SplitScratch {
  return { catOrder: new Int32Array(257), catValue: new Float64Array(257) };
}

/** Newton step -G / (H + lambda), clipped to [lower, upper]. */
export function nodeValue(sumG: number, sumH: number, l2: number, lower: number, upper: number): number {
  const d = sumH + l2;
  const v = d > 0 ? -sumG / d : 0;
  return v < lower ? lower : v > upper ? upper : v;
}

/** How much a node with value v lowers the second-order loss: -(2 G v + (H + lambda) v^2) = G^2 / (H + lambda) unclipped. */
export function nodeScore(sumG: number, sumH: number, l2: number, v: number): number {
  return -(2 * sumG * v + (sumH + l2) * v * v);
}

/**
 * Best split over the active features; returns false when no split is valid (gain must be > 0 and each
 * child needs minSamplesLeaf rows and minChildWeight hessian).
 */
export function findBestSplit(
  hist: Float64Array,
  data: BinnedData,
  features: Int32Array,
  node: NodeStats,
  rules: SplitRules,
  scratch: SplitScratch,
  out: SplitInfo,
): boolean {
  out.gain = -Infinity;
  out.feature = -1;
  const parentValue = nodeValue(node.sumG, node.sumH, rules.l2Regularization, node.lower, node.upper);
  const parentScore = nodeScore(node.sumG, node.sumH, rules.l2Regularization, parentValue);
  for (let k = 0; k < features.length; k++) {
    const j = features[k]!;
    if (data.isCategorical[j]) findCategoricalSplit(hist, data, j, node, parentScore, rules, scratch, out);
    else findNumericSplit(hist, data, j, node, parentScore, rules, out);
  }
  return out.feature >= 0;
}

/**
 * Gain of a candidate (left, right) or -Infinity when it breaks a rule. Child values are clipped to the
 * node's bounds; with a monotonic constraint a split whose values go the wrong way is rejected.
 */
export function candidateGain(
  gl: number, hl: number, cl: number,
  gr: number, hr: number, cr: number,
  node: NodeStats, parentScore: number, rules: SplitRules, constraint: number,
): number {
  if (cl < rules.minSamplesLeaf || cr < rules.minSamplesLeaf) return -Infinity;
  if (hl < rules.minChildWeight || hr < rules.minChildWeight) return -Infinity;
  const l2 = rules.l2Regularization;
  const vl = nodeValue(gl, hl, l2, node.lower, node.upper);
  const vr = nodeValue(gr, hr, l2, node.lower, node.upper);
  if ((constraint > 0 && vl > vr) || (constraint < 0 && vl < vr)) return -Infinity;
  return nodeScore(gl, hl, l2, vl) + nodeScore(gr, hr, l2, vr) - parentScore;
}

function findNumericSplit(hist: Float64Array, data: BinnedData, j: number, node: NodeStats, parentScore: number, rules: SplitRules, out: SplitInfo): void {
  if (rules.monotonic[j] === 0 && node.lower === -Infinity && node.upper === Infinity) {
    findNumericSplitFree(hist, data, j, node, rules, out);
    return;
  }
  const nb = data.nBins[j]!;
  const base = j * (data.missingBin + 1) * 3;
  const miss = base + data.missingBin * 3;
  const mg = hist[miss]!;
  const mh = hist[miss + 1]!;
  const mc = hist[miss + 2]!;
  const constraint = rules.monotonic[j]!;
  const { sumG, sumH, count } = node;
  let cg = 0;
  let ch = 0;
  let cc = 0;
  // Threshold after bin b: values in bins 0..b go left; missing rows go right, then (if any) left.
  for (let b = 0; b < nb; b++) {
    const o = base + b * 3;
    cg += hist[o]!;
    ch += hist[o + 1]!;
    cc += hist[o + 2]!;
    const gainRight = candidateGain(cg, ch, cc, sumG - cg, sumH - ch, count - cc, node, parentScore, rules, constraint);
    if (gainRight > 0 && gainRight > out.gain) {
      setNumeric(out, gainRight, j, b, mc > 0 ? false : cc >= count - cc, cg, ch, cc, sumG, sumH, count, node, rules);
    }
    if (mc > 0) {
      const gl = cg + mg;
      const hl = ch + mh;
      const cl = cc + mc;
      const gainLeft = candidateGain(gl, hl, cl, sumG - gl, sumH - hl, count - cl, node, parentScore, rules, constraint);
      if (gainLeft > 0 && gainLeft > out.gain) setNumeric(out, gainLeft, j, b, true, gl, hl, cl, sumG, sumH, count, node, rules);
    }
  }
}

/**
 * The same scan for a feature without monotonic constraint in a node without value bounds (the common
 * case): child values are unclipped, so the gain is GL^2/(HL+l2) + GR^2/(HR+l2) - G^2/(H+l2), computed
 * inline. Empty bins are skipped: they repeat the previous partition and cannot beat its gain.
 *
 * Most candidates lose to the best split found so far, and the exact gain costs two divisions. So each
 * candidate is first screened without division: with dl = HL+l2, dr = HR+l2 > 0 and T = best + parent
 * score, it cannot win when GL^2 dr + GR^2 dl < T dl dr (1 - 1e-12). The margin 1e-12 is far above the
 * few ulps of rounding on either side, so no candidate that the exact test would take is screened out,
 * and the chosen split and its gain are bit for bit those of the plain scan.
 */
function findNumericSplitFree(hist: Float64Array, data: BinnedData, j: number, node: NodeStats, rules: SplitRules, out: SplitInfo): void {
  const nb = data.nBins[j]! | 0;
  const base = (j * (data.missingBin + 1) * 3) | 0;
  const miss = (base + data.missingBin * 3) | 0;
  const mg = hist[miss]!;
  const mh = hist[miss + 1]!;
  const mc = hist[miss + 2]!;
  const { sumG, sumH, count } = node;
  const l2 = rules.l2Regularization;
  const minLeaf = rules.minSamplesLeaf;
  const minHess = rules.minChildWeight;
  const parent = score(sumG, sumH, l2);
  const keep = 1 - 1e-12;
  let cg = 0;
  let ch = 0;
  let cc = 0;
  // Screening threshold on GL^2/dl + GR^2/dr; refreshed whenever the best gain changes.
  let t = (out.gain > 0 ? out.gain : 0) + parent;
  for (let b = 0; b < nb; b++) {
    const o = (base + b * 3) | 0;
    const c = hist[o + 2]!;
    if (c === 0) continue;
    cg += hist[o]!;
    ch += hist[o + 1]!;
    cc += c;
    if (cc >= minLeaf && count - cc >= minLeaf && ch >= minHess && sumH - ch >= minHess) {
      const gr = sumG - cg;
      const dl = ch + l2;
      const dr = sumH - ch + l2;
      if (!(dl > 0 && dr > 0 && cg * cg * dr + gr * gr * dl < t * dl * dr * keep)) {
        const gain = score(cg, ch, l2) + score(gr, sumH - ch, l2) - parent;
        if (gain > 0 && gain > out.gain) {
          setNumeric(out, gain, j, b, mc > 0 ? false : cc >= count - cc, cg, ch, cc, sumG, sumH, count, node, rules);
          t = gain + parent;
        }
      }
    }
    if (mc > 0) {
      const gl = cg + mg;
      const hl = ch + mh;
      const cl = cc + mc;
      if (cl >= minLeaf && count - cl >= minLeaf && hl >= minHess && sumH - hl >= minHess) {
        const gr = sumG - gl;
        const dl = hl + l2;
        const dr = sumH - hl + l2;
        if (!(dl > 0 && dr > 0 && gl * gl * dr + gr * gr * dl < t * dl * dr * keep)) {
          const gain = score(gl, hl, l2) + score(gr, sumH - hl, l2) - parent;
          if (gain > 0 && gain > out.gain) {
            setNumeric(out, gain, j, b, true, gl, hl, cl, sumG, sumH, count, node, rules);
            t = gain + parent;
          }
        }
      }
    }
  }
}

/** G^2 / (H + lambda): the loss reduction of a node at its unclipped Newton value. */
function score(g: number, h: number, l2: number): number {
  const d = h + l2;
  return d > 0 ? (g * g) / d : 0;
}

function setNumeric(
  out: SplitInfo, gain: number, j: number, b: number, missingLeft: boolean,
  gl: number, hl: number, cl: number, sumG: number, sumH: number, count: number, node: NodeStats, rules: SplitRules,
): void {
  out.gain = gain;
  out.feature = j;
  out.binThreshold = b;
  out.missingLeft = missingLeft;
  out.categorical = false;
  setChildren(out, gl, hl, cl, sumG - gl, sumH - hl, count - cl, node, rules);
}

function setChildren(out: SplitInfo, gl: number, hl: number, cl: number, gr: number, hr: number, cr: number, node: NodeStats, rules: SplitRules): void {
  out.leftG = gl;
  out.leftH = hl;
  out.leftCount = cl;
  out.rightG = gr;
  out.rightH = hr;
  out.rightCount = cr;
  out.leftValue = nodeValue(gl, hl, rules.l2Regularization, node.lower, node.upper);
  out.rightValue = nodeValue(gr, hr, rules.l2Regularization, node.lower, node.upper);
}

/**
 * Categorical split as in LightGBM / scikit-learn: rank the node's categories (missing counts as one) by
 * G / (H + CAT_SMOOTH) and try every prefix of that order, from both ends, as the left set.
 *   order:  c3 c0 c7 c1 ...        prefix k = first k categories go left, all others right
 */
function findCategoricalSplit(
  hist: Float64Array, data: BinnedData, j: number, node: NodeStats, parentScore: number,
  rules: SplitRules, scratch: SplitScratch, out: SplitInfo,
): void {
  const nb = data.nBins[j]!;
  const missingBin = data.missingBin;
  const base = j * (missingBin + 1) * 3;
  const order = scratch.catOrder;
  const value = scratch.catValue;
  let used = 0;
  for (let b = 0; b <= nb; b++) {
    const bin = b === nb ? missingBin : b;
    const o = base + bin * 3;
    if (hist[o + 2]! < MIN_CAT_SUPPORT) continue;
    value[bin] = hist[o]! / (hist[o + 1]! + CAT_SMOOTH);
    // Insertion sort by value; equal values keep bin order, so the result is deterministic.
    let p = used++;
    while (p > 0 && value[order[p - 1]!]! > value[bin]!) {
      order[p] = order[p - 1]!;
      p--;
    }
    order[p] = bin;
  }
  if (used === 0) return;
  const { sumG, sumH, count } = node;
  let bestDir = -1;
  let bestK = 0;
  for (let dir = 0; dir < 2; dir++) {
    let cg = 0;
    let ch = 0;
    let cc = 0;
    for (let i = 0; i < used; i++) {
      const o = base + order[dir === 0 ? i : used - 1 - i]! * 3;
      cg += hist[o]!;
      ch += hist[o + 1]!;
      cc += hist[o + 2]!;
      const gain = candidateGain(cg, ch, cc, sumG - cg, sumH - ch, count - cc, node, parentScore, rules, 0);
      if (gain > 0 && gain > out.gain) {
        out.gain = gain;
        out.feature = j;
        out.binThreshold = -1;
        out.categorical = true;
        setChildren(out, cg, ch, cc, sumG - cg, sumH - ch, count - cc, node, rules);
        bestDir = dir;
        bestK = i + 1;
      }
    }
  }
  if (bestDir < 0) return;
  out.catBits.fill(0);
  out.missingLeft = false;
  for (let i = 0; i < bestK; i++) {
    const bin = order[bestDir === 0 ? i : used - 1 - i]!;
    if (bin === missingBin) out.missingLeft = true;
    else out.catBits[bin >>> 5] = out.catBits[bin >>> 5]! | (1 << (bin & 31));
  }
}
