// Reference bins of one feature from the training rows (quantile edges, or levels) and the counts of any batch in them.
import { quantilesInPlace } from '../../ingest/index.js';

/*
 * Numeric bins are cut at the training data's deciles, so every bin holds about a tenth of the
 * training rows; repeated edges (discrete readings, a sensor parked at one value) merge into one bin.
 * With edges e[0] < e[1] < ... < e[k-1], bin i holds (e[i-1], e[i]], the first (-inf, e[0]] and the
 * last (e[k-1], +inf). Missing values (NaN) are a bin of their own, always the last:
 *
 *   counts = [ (-inf,e0] | (e0,e1] | ... | (e[k-1],+inf) | missing ]      length k + 2
 *
 * Categories bin by level in the training data's order, then one bin for levels training never saw,
 * then missing:   counts = [ level 0 | ... | level m-1 | unseen | missing ]      length m + 2
 */

export const DEFAULT_QUANTILE_BINS = 10;

export interface NumericBins {
  readonly kind: 'numeric';
  /** Strictly increasing inner edges. */
  readonly edges: readonly number[];
}

export interface CategoricalBins {
  readonly kind: 'categorical';
  readonly levels: readonly string[];
}

export type FeatureBins = NumericBins | CategoricalBins;

/** A categorical (or boolean) value as text, or null when missing. */
export type LevelValue = string | null;

/** Inner edges at the quantiles 1/n, 2/n ... (n-1)/n of the non-missing values; none for an all-missing column. */
export function numericBins(values: ArrayLike<number>, nBins = DEFAULT_QUANTILE_BINS): NumericBins {
  if (!(Number.isInteger(nBins) && nBins >= 2)) throw new RangeError(`nBins is ${nBins}, expected an integer >= 2`);
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present.push(values[i]!);
  if (present.length === 0) return { kind: 'numeric', edges: [] };
  const levels = Array.from({ length: nBins - 1 }, (_, i) => (i + 1) / nBins);
  const quantiles = quantilesInPlace(Float64Array.from(present), levels);
  const edges: number[] = [];
  for (const q of quantiles) if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  return { kind: 'numeric', edges };
}

export function categoricalBins(levels: readonly string[]): CategoricalBins {
  return { kind: 'categorical', levels: [...levels] };
}

/** How many bins `bins` has, the missing bin included. */
export function binCount(bins: FeatureBins): number {
  return (bins.kind === 'numeric' ? bins.edges.length : bins.levels.length) + 2;
}

/** Index of the first edge >= v (binary search): the bin of v. */
function numericBin(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! >= v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function countNumeric(bins: NumericBins, values: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(binCount(bins));
  const missing = counts.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    counts[Number.isNaN(v) ? missing : numericBin(bins.edges, v)]!++;
  }
  return counts;
}

export function countLevels(bins: CategoricalBins, values: readonly LevelValue[]): Float64Array {
  const counts = new Float64Array(binCount(bins));
  const index = new Map(bins.levels.map((l, i) => [l, i]));
  const unseen = bins.levels.length;
  for (const v of values) counts[v === null ? unseen + 1 : (index.get(v) ?? unseen)]!++;
  return counts;
}

/** Human names of the bins, in count order ("<= 12.5", "(12.5, 14]", "> 30", a level, "unseen", "missing"). */
export function binLabels(bins: FeatureBins): string[] {
  if (bins.kind === 'categorical') return [...bins.levels, 'unseen', 'missing'];
  // Six significant digits: enough to tell bins apart, without float noise such as 0.20000000000000018.
  const e = bins.edges.map((edge) => Number(edge.toPrecision(6)));
  if (e.length === 0) return ['all', 'missing'];
  const labels = [`<= ${e[0]}`];
  for (let i = 1; i < e.length; i++) labels.push(`(${e[i - 1]}, ${e[i]}]`);
  labels.push(`> ${e[e.length - 1]}`, 'missing');
  return labels;
}
