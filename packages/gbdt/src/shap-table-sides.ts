// Side tables of tabulated TreeSHAP's categorical nodes: per category code, the side every node on that feature sends it to.
import { MISSING_LEFT } from './shap-table.js';

/*
 * A row's categorical feature takes one of a few codes, and a model splits on it at many nodes (1,432 nodes on
 * one 20-code feature in the bench's synth-1m model). Deciding each node from its bitset cost about 7 ns per
 * node and row; a table with one row per code holding every node's side (0 or 1) turns that into a copy:
 *
 *   feature f, nodes k0 .. k0 + n - 1 (contiguous in the special slots), codes 0 .. limit - 1:
 *     sides[at + r * n + k]   r = 0 missing, 1 + code for an integer code below limit, limit + 1 anything else
 *
 * limit is 32 per bitset word of the feature's widest node (a node says right for codes beyond its words).
 * A feature whose table would exceed MAX_SIDE_TABLE bytes keeps the bitset pass (shap-table.ts).
 */

const MAX_SIDE_TABLE = 1 << 20;

/** Where each categorical node goes among the special slots, and which features get a side table. */
export interface SidePlan {
  /** Next free special slot per categorical feature: the tabulated features' nodes first, grouped by feature. */
  readonly next: Map<number, number>;
  /** [feature, first slot, node count, code limit] per tabulated feature. */
  readonly tabled: readonly (readonly [number, number, number, number])[];
  /** Categorical nodes the side tables decide (slots 0 .. nTabled - 1); the bitset pass decides the rest. */
  readonly nTabled: number;
}

/** Plans the slots from each categorical node's feature and bitset word count. */
export function planSides(nodes: readonly { feature: number; words: number }[]): SidePlan {
  const perFeature = new Map<number, { count: number; words: number }>();
  for (const { feature, words } of nodes) {
    const f = perFeature.get(feature) ?? { count: 0, words: 0 };
    f.count += 1;
    f.words = Math.max(f.words, words);
    perFeature.set(feature, f);
  }
  const features = [...perFeature.keys()].sort((a, b) => a - b);
  const fits = (f: number): boolean => (32 * perFeature.get(f)!.words + 2) * perFeature.get(f)!.count <= MAX_SIDE_TABLE;
  const next = new Map<number, number>();
  const tabled: [number, number, number, number][] = [];
  let slot = 0;
  for (const f of [...features.filter(fits), ...features.filter((f) => !fits(f))]) {
    const { count, words } = perFeature.get(f)!;
    if (fits(f)) tabled.push([f, slot, count, 32 * words]);
    next.set(f, slot);
    slot += count;
  }
  return { next, tabled, nTabled: tabled.reduce((n, t) => n + t.at(2)!, 0) };
}

/**
 * Fills the side tables of the planned features from the laid-out special nodes ([feature, info] each at
 * specialAt) and their bitsets (catRange entry index in floats[specialThresholdAt + k]); returns the tables
 * and the records to store in ints (SIDE_INTS each, shap-table.ts).
 */
export function buildSides(
  plan: SidePlan, ints: Int32Array, floats: Float64Array, catBits: Uint32Array, specialAt: number, specialThresholdAt: number,
): { sides: Uint8Array; records: number[] } {
  const size = plan.tabled.reduce((n, [, , count, limit]) => n + (limit + 2) * count, 0);
  const sides = new Uint8Array(size);
  const records: number[] = [];
  let at = 0;
  for (const [feature, first, count, limit] of plan.tabled) {
    records.push(feature, first, count, limit, at);
    for (let j = 0; j < count; j++) {
      const k = first + j;
      const info = ints[specialAt + 2 * k + 1]!;
      const range = floats[specialThresholdAt + k]!;
      const word0 = ints[range]!;
      const words = ints[range + 1]!;
      sides[at + j] = info & MISSING_LEFT ? 0 : 1;
      for (let code = 0; code < limit; code++) {
        const inSet = code >>> 5 < words && (catBits[word0 + (code >>> 5)]! >>> (code & 31)) & 1;
        sides[at + (1 + code) * count + j] = inSet ? 0 : 1;
      }
      sides[at + (limit + 1) * count + j] = 1;
    }
    at += (limit + 2) * count;
  }
  return { sides, records };
}
