// Explains synthetic rows when an explainer with lookup tables is built, so V8 has optimized its passes before the first real row.
import { Rng } from './random.js';
import type { ShapTables } from './shap-table.js';
import type { Forest } from './tree.js';

/**
 * Work of the warm-up, in nodes and table values visited (about 25 ms for 200 trees of depth 6, whose rows
 * visit 31,000 each). V8 optimizes each pass within the first rows, but the explainer's own function (which
 * then inlines them) only after 100 to 200 rows, and until then rows took 1.3 to 1.5x their settled time
 * (bench's synth model, median of rows 20 to 300 on a busy machine: 190 to 214 us before this change,
 * 144 to 174 us with the other changes and no warm-up, 126 to 148 us with this one). Warming the passes
 * alone, without the explainer's function, did not help.
 */
const WARM_UP_VISITS = 8_000_000;
const MAX_WARM_UP_ROWS = 256;

/**
 * Calls explain on up to MAX_WARM_UP_ROWS synthetic rows, into a scratch phi: each numeric feature just above
 * or below one of its split thresholds (1 in 50 missing), categorical ones a code below 64. The results are
 * discarded. Callers pass an explain that only does the tables' work (the other routes can cost far more).
 */
export function warmUpTables(c: ShapTables, forest: Forest, explain: (row: Float64Array, phi: Float64Array) => void): void {
  if (c.nBlocks === 0) return;
  const perRow = c.nUpper + 3 * c.nBlocks + (c.ints[c.startAt + c.nPhi]! - c.ints[c.startAt]!);
  const rows = Math.min(MAX_WARM_UP_ROWS, Math.floor(WARM_UP_VISITS / perRow));
  const thresholds = splitThresholds(forest);
  const rng = new Rng(7);
  const phi = new Float64Array(c.nPhi);
  const row = new Float64Array(c.nFeatures);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < c.nFeatures; j++) {
      const t = thresholds[j]!;
      let v: number;
      if (t === 'categorical') v = rng.nextInt(64);
      else if (t.length === 0 || rng.nextFloat() < 0.02) v = NaN;
      else {
        const at = t[rng.nextInt(t.length)]!;
        v = rng.nextFloat() < 0.5 ? at : at + Math.max(1e-9, Math.abs(at) * 1e-9);
      }
      row[j] = v;
    }
    explain(row, phi);
  }
}

/** Per feature, the finite thresholds of its numeric splits, or 'categorical' when any split on it is. */
function splitThresholds(forest: Forest): (number[] | 'categorical')[] {
  const out: (number[] | 'categorical')[] = Array.from({ length: forest.nFeatures }, () => []);
  for (const tree of forest.trees) {
    for (let i = 0; i < tree.feature.length; i++) {
      const f = tree.feature[i]!;
      if (f < 0) continue;
      const list = out[f]!;
      if (tree.catOffset[i]! >= 0) out[f] = 'categorical';
      else if (list !== 'categorical' && Number.isFinite(tree.threshold[i]!)) list.push(tree.threshold[i]!);
    }
  }
  return out;
}
