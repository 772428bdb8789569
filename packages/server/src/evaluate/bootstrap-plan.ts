// Bootstrap resamples drawn once as per-row multiplicity counts, shared by every model version so comparisons are paired.
import { invalidMetricInput } from './check-input.js';
import { hashString, seededRandom } from './seeded-random.js';

/**
 * `counts[i * resamples + r]` = how many times row i is drawn in resample r. Each resample draws
 * `rows` rows with replacement, so every resample's counts sum to `rows`. Metrics read the counts as
 * row weights instead of copying resampled arrays, and every version evaluated on one plan sees the
 * same resamples. A row's counts are contiguous, so a metric streams through the rows once and updates
 * all resamples per row (the fast path, WeightedMetric.evaluatePlan):
 *
 *              resample 0  1  2  ... R-1
 *   row 0:              2  0  1      1      (row 0 drawn twice in resample 0, never in resample 1)
 *   row 1:              0  1  3      0
 *   ...
 *
 * Uint16 while rows <= 65,535 (a count never exceeds rows), which halves the memory a pass reads.
 */
export interface BootstrapPlan {
  readonly rows: number;
  readonly resamples: number;
  readonly seed: number;
  readonly counts: Uint16Array | Int32Array;
}

export interface BootstrapOptions {
  /** Number of resamples; 0 makes a plan whose intervals are undefined (NaN). Default 1,000. */
  resamples?: number;
  /** Integer seed; the same seed and row count always give the same resamples. Default 1. */
  seed?: number;
}

export const DEFAULT_RESAMPLES = 1000;

export function bootstrapPlan(rows: number, options: BootstrapOptions = {}): BootstrapPlan {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? 1;
  if (!(Number.isInteger(rows) && rows >= 1)) throw invalidMetricInput('rows', `is ${rows}, expected an integer >= 1`);
  if (!(Number.isInteger(resamples) && resamples >= 0 && resamples <= 100_000)) {
    throw invalidMetricInput('resamples', `is ${resamples}, expected an integer in [0, 100000]`);
  }
  if (!Number.isInteger(seed)) throw invalidMetricInput('seed', `is ${seed}, expected an integer`);
  if (rows * resamples > 2 ** 28) throw invalidMetricInput('resamples', `${resamples} resamples of ${rows} rows would not fit in memory`);
  return { rows, resamples, seed, counts: drawCounts(rows, resamples, seededRandom(seed)) };
}

/**
 * Draws resamples in blocks of BLOCK into a small row-major scratch (block[i * BLOCK + j]), then
 * copies each row's BLOCK counts into place: random increments stay inside a cache-sized block
 * instead of striding across the whole plan. Resample r is still drawn wholly before resample r + 1.
 */
const BLOCK = 32;

function drawCounts(rows: number, resamples: number, random: () => number): Uint16Array | Int32Array {
  const counts = rows <= 0xffff ? new Uint16Array(rows * resamples) : new Int32Array(rows * resamples);
  const block = new Int32Array(rows * BLOCK);
  for (let r0 = 0; r0 < resamples; r0 += BLOCK) {
    const width = Math.min(BLOCK, resamples - r0);
    block.fill(0);
    for (let j = 0; j < width; j++) {
      for (let k = 0; k < rows; k++) block[Math.floor(random() * rows) * BLOCK + j]!++;
    }
    for (let i = 0; i < rows; i++) {
      const from = i * BLOCK;
      const to = i * resamples + r0;
      for (let j = 0; j < width; j++) counts[to + j] = block[from + j]!;
    }
  }
  return counts;
}

/** The counts of resample r, one per row (the slow path, and the naive twin of evaluatePlan in tests). */
export function resampleCounts(plan: BootstrapPlan, r: number, out: Int32Array = new Int32Array(plan.rows)): Int32Array {
  if (!(Number.isInteger(r) && r >= 0 && r < plan.resamples)) throw invalidMetricInput('resample', `is ${r}, expected an integer in [0, ${plan.resamples})`);
  for (let i = 0; i < plan.rows; i++) out[i] = plan.counts[i * plan.resamples + r]!;
  return out;
}

/**
 * One plan per slice, resampling INSIDE the slice (a stratified bootstrap): each resample of slice s
 * draws exactly |s| of s's rows, so a slice's interval reflects its own size, never a varying share of
 * the whole set. The seed of a slice mixes the plan seed with the slice's name, so adding or removing a
 * slice leaves the others' resamples unchanged. Metrics of a slice are prepared on its rows, taken in
 * the order of `slices.get(name)` (see takeRows).
 */
export function slicePlans(slices: ReadonlyMap<string, Int32Array>, options: BootstrapOptions = {}): Map<string, BootstrapPlan> {
  const seed = options.seed ?? 1;
  const out = new Map<string, BootstrapPlan>();
  for (const [name, rows] of slices) {
    out.set(name, bootstrapPlan(rows.length, { ...options, seed: (Math.imul(seed, 0x9e3779b1) ^ hashString(name)) | 0 }));
  }
  return out;
}
