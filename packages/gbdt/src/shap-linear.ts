// Exact path-dependent TreeSHAP in O(nodes) per tree: Linear TreeSHAP with 3-point Gauss-Legendre quadrature.
import { catWordsPerNode } from './decide.js';
import type { FlatTree, Forest } from './tree.js';

/*
 * The math (Yu et al. 2022, "Linear TreeSHAP"; same Shapley values as Lundberg's algorithm 2).
 * For a leaf L with value v, let U be the distinct features on its path; per feature j, z_j is the product
 * of the cover fractions of the path's edges on j and o_j = 1 when the row takes all of them, else 0.
 * The leaf is a product game, and its Shapley value for feature i in U is
 *
 *   phi_i(L) = (o_i - z_i) * integral_0^1 v * prod_{j in U, j != i} (z_j + (o_j - z_j) t) dt,
 *
 * a polynomial of degree |U| - 1 <= 5 for trees with at most 6 distinct features per path, so the 3-point
 * Gauss-Legendre rule integrates it exactly. Summed over leaves, every node n contributes to its feature:
 *
 *   phi_f(n) += sum_k w_k P_n(t_k) D_n(t_k)      P_n = product of the edge factors from the root to n
 *                                                D_n = H_hot - (z_l H_l + z_r H_r)
 *   H_n(t)    = (z_l H_l + z_r H_r) + t D_n       H_leaf = v  (sum over the leaves below, edge factors applied)
 *
 * with edge factor z + (1 - z) t on the side the row takes and z (1 - t) on the other. A feature met again
 * below (a "repeat") merges with its earlier edges: the factor of the earlier edges is divided out (the
 * reciprocals r_k are precomputed), and once the row has left the feature's path (o = 0) the factor is the
 * plain cover fraction and the node adds nothing. So each row takes two passes per tree:
 *
 *     top-down:  root P = (1,1,1) ──> decide each node, P_child = P_n * edge factor, mask of features still on path
 *     bottom-up: leaves H = v ──> H_n, D_n, phi[f_n] += sum_k w_k P_n D_n
 *
 * at about 40 typed-array reads and writes per internal node, against O(depth^2) path updates per leaf for
 * the plain algorithm.
 */

/** 3-point Gauss-Legendre rule on [0, 1]: exact for polynomials of degree <= 5. */
const T0 = 0.5 - Math.sqrt(0.15);
const T1 = 0.5;
const T2 = 0.5 + Math.sqrt(0.15);
const W0 = 5 / 18;
const W1 = 8 / 18;
const W2 = 5 / 18;
const U0 = 1 - T0;
const U1 = 1 - T1;
const U2 = 1 - T2;

/** Distinct features per root-to-leaf path the quadrature handles exactly (degree 2 * 3 - 1 = 5, plus one). */
export const LINEAR_SHAP_MAX_PATH_FEATURES = 6;

// info word of an internal node: bits 0-4 position of its feature among the distinct features of its path,
// bit 5 missing goes left, bit 6 categorical, bits 7.. repeat index + 1 (0: first time the path meets the feature).
const MISSING_LEFT = 1 << 5;
const CATEGORICAL = 1 << 6;
const REPEAT_SHIFT = 7;

/** Largest number of distinct features on one root-to-leaf path of the tree. */
export function maxPathFeatures(tree: FlatTree): number {
  const counts = new Map<number, number>();
  const walk = (node: number): number => {
    const f = tree.feature[node]!;
    if (f < 0) return counts.size;
    counts.set(f, (counts.get(f) ?? 0) + 1);
    const deepest = Math.max(walk(tree.left[node]!), walk(tree.right[node]!));
    const c = counts.get(f)!;
    if (c === 1) counts.delete(f);
    else counts.set(f, c - 1);
    return deepest;
  };
  return walk(0);
}

/**
 * Flat arrays for a set of trees (internal nodes only, breadth-first per tree):
 *   nodeInt   [feature, left, right, info] per node; a child >= 0 is a node of the same tree (local
 *             index), a child < 0 is leaf ~child of leafValue
 *   nodeFloat [threshold (categorical: index into catRange), z left, z right] per node
 *   repeat    [r0, r1, r2, 1 - z of the earlier edges, cover fraction left, right] per repeat node
 *   treeInfo  [first node, node count, phi offset of the tree's class] per tree
 */
export interface LinearShapForest {
  readonly nodeInt: Int32Array;
  readonly nodeFloat: Float64Array;
  readonly repeat: Float64Array;
  readonly catRange: Int32Array;
  readonly catBits: Uint32Array;
  readonly leafValue: Float64Array;
  readonly treeInfo: Int32Array;
  readonly maxNodes: number;
}

interface PathFeature {
  feature: number;
  z: number;
}

/** Compiles the listed trees of the forest (each with maxPathFeatures <= LINEAR_SHAP_MAX_PATH_FEATURES). */
export function compileLinearShap(forest: Forest, trees: readonly number[]): LinearShapForest {
  const nodeInt: number[] = [];
  const nodeFloat: number[] = [];
  const repeat: number[] = [];
  const catRange: number[] = [];
  const catBits: number[] = [];
  const leafValue: number[] = [];
  const treeInfo: number[] = [];
  let maxNodes = 1;
  for (const t of trees) {
    const tree = forest.trees[t]!;
    const first = nodeInt.length / 4;
    const nodes = internalNodesBreadthFirst(tree);
    const local = new Map<number, number>(nodes.map((i, k) => [i, k]));
    const words = catWordsPerNode(tree);
    const paths = new Map<number, PathFeature[]>([[0, []]]);
    const child = (c: number): number => {
      if (tree.feature[c]! >= 0) return local.get(c)!;
      leafValue.push(tree.value[c]!);
      return ~(leafValue.length - 1);
    };
    for (const i of nodes) {
      const f = tree.feature[i]!;
      const path = paths.get(i)!;
      const seen = path.findIndex((p) => p.feature === f);
      const position = seen >= 0 ? seen : path.length;
      const zPrev = seen >= 0 ? path[seen]!.z : 1;
      const l = tree.left[i]!;
      const r = tree.right[i]!;
      const fl = coverFraction(tree, i, l);
      const fr = coverFraction(tree, i, r);
      let info = position | (tree.missingLeft[i] ? MISSING_LEFT : 0);
      let threshold = tree.threshold[i]!;
      if (tree.catOffset[i]! >= 0) {
        info |= CATEGORICAL;
        threshold = catRange.length / 2;
        catRange.push(catBits.length + tree.catOffset[i]!, words[i]!);
      }
      if (seen >= 0) {
        info |= (repeat.length / 6 + 1) << REPEAT_SHIFT;
        repeat.push(1 / (zPrev + (1 - zPrev) * T0), 1 / (zPrev + (1 - zPrev) * T1), 1 / (zPrev + (1 - zPrev) * T2), 1 - zPrev, fl, fr);
      }
      nodeInt.push(f, child(l), child(r), info);
      nodeFloat.push(threshold, zPrev * fl, zPrev * fr);
      for (const [c, frac] of [[l, fl], [r, fr]] as const) {
        const next = path.map((p) => ({ ...p }));
        if (seen >= 0) next[seen]!.z = zPrev * frac;
        else next.push({ feature: f, z: frac });
        paths.set(c, next);
      }
    }
    for (const w of tree.catBits) catBits.push(w);
    treeInfo.push(first, nodes.length, forest.treeClass[t]! * forest.nFeatures);
    maxNodes = Math.max(maxNodes, nodes.length);
  }
  return {
    nodeInt: Int32Array.from(nodeInt),
    nodeFloat: Float64Array.from(nodeFloat),
    repeat: Float64Array.from(repeat),
    catRange: Int32Array.from(catRange),
    catBits: Uint32Array.from(catBits),
    leafValue: Float64Array.from(leafValue),
    treeInfo: Int32Array.from(treeInfo),
    maxNodes,
  };
}

function internalNodesBreadthFirst(tree: FlatTree): number[] {
  const order: number[] = [];
  const queue = [0];
  for (let k = 0; k < queue.length; k++) {
    const i = queue[k]!;
    if (tree.feature[i]! < 0) continue;
    order.push(i);
    queue.push(tree.left[i]!, tree.right[i]!);
  }
  return order;
}

/** As the plain algorithm: share of the node's cover that goes to the child (1/2 when the node has none). */
function coverFraction(tree: FlatTree, node: number, child: number): number {
  const c = tree.cover[node]!;
  return c > 0 ? tree.cover[child]! / c : 0.5;
}

/** Scratch for one row: per node P (3) and H (3), per node [mask, 1 if the row goes right]. */
export interface LinearShapScratch {
  readonly ph: Float64Array;
  readonly state: Int32Array;
}

export function createLinearShapScratch(compiled: LinearShapForest): LinearShapScratch {
  return { ph: new Float64Array(6 * compiled.maxNodes), state: new Int32Array(2 * compiled.maxNodes) };
}

/** Adds the SHAP values of every compiled tree for row x (already rounded for float32 forests) to phi. */
export function linearShapInto(c: LinearShapForest, s: LinearShapScratch, x: ArrayLike<number>, phi: Float64Array): void {
  const info = c.treeInfo;
  for (let k = 0; k < info.length; k += 3) {
    const first = info[k]!;
    const n = info[k + 1]!;
    topDown(c.nodeInt, c.nodeFloat, c.repeat, c.catRange, c.catBits, s.ph, s.state, x, first, n);
    bottomUp(c.nodeInt, c.nodeFloat, c.repeat, c.leafValue, s.ph, s.state, phi, first, n, info[k + 2]!);
  }
}

/** Which way the row goes at a categorical node (the rule of decide.ts nextNode): 1 = right. */
function categoricalRight(catRange: Int32Array, catBits: Uint32Array, range: number, v: number): number {
  const word = v >>> 5;
  return v >= 0 && word < catRange[2 * range + 1]! && ((catBits[catRange[2 * range]! + word]! >>> (v & 31)) & 1) === 1 ? 0 : 1;
}

// The two passes keep every array in a parameter and index arithmetic in int32 (| 0): V8 then compiles
// the loops without overflow checks or property loads, which is most of their cost.
function topDown(
  nodeInt: Int32Array, nodeFloat: Float64Array, repeat: Float64Array, catRange: Int32Array, catBits: Uint32Array,
  ph: Float64Array, state: Int32Array, x: ArrayLike<number>, first: number, n: number,
): void {
  ph[0] = 1;
  ph[1] = 1;
  ph[2] = 1;
  state[0] = -1;
  for (let i = 0; i < n; i = (i + 1) | 0) {
    const g = (first + i) | 0;
    const g4 = g << 2;
    const g3 = (g * 3) | 0;
    const bits = nodeInt[g4 + 3]!;
    const v = x[nodeInt[g4]!]!;
    let right = ((v > nodeFloat[g3]!) as unknown as number) | 0;
    if (v !== v) right = bits & MISSING_LEFT ? 0 : 1;
    else if (bits & CATEGORICAL) right = categoricalRight(catRange, catBits, nodeFloat[g3]!, v);
    const mask = state[i << 1]!;
    state[(i << 1) + 1] = right;
    const hot = nodeInt[(g4 + 1 + right) | 0]!;
    const cold = nodeInt[(g4 + 2 - right) | 0]!;
    if ((hot & cold) < 0) continue;
    const bit = 1 << (bits & 31);
    const o = (i * 6) | 0;
    const p0 = ph[o]!;
    const p1 = ph[o + 1]!;
    const p2 = ph[o + 2]!;
    const zh = nodeFloat[(g3 + 1 + right) | 0]!;
    const zc = nodeFloat[(g3 + 2 - right) | 0]!;
    const yh = 1 - zh;
    let h0 = p0 * (zh + yh * T0);
    let h1 = p1 * (zh + yh * T1);
    let h2 = p2 * (zh + yh * T2);
    let c0 = p0 * zc * U0;
    let c1 = p1 * zc * U1;
    let c2 = p2 * zc * U2;
    if (bits >> REPEAT_SHIFT !== 0) {
      const d = (6 * ((bits >> REPEAT_SHIFT) - 1)) | 0;
      if ((mask & bit) !== 0) {
        const r0 = repeat[d]!;
        const r1 = repeat[d + 1]!;
        const r2 = repeat[d + 2]!;
        h0 *= r0; h1 *= r1; h2 *= r2; c0 *= r0; c1 *= r1; c2 *= r2;
      } else {
        const fh = repeat[(d + 4 + right) | 0]!;
        const fc = repeat[(d + 5 - right) | 0]!;
        h0 = p0 * fh; h1 = p1 * fh; h2 = p2 * fh; c0 = p0 * fc; c1 = p1 * fc; c2 = p2 * fc;
      }
    }
    if (hot >= 0) {
      const q = (hot * 6) | 0;
      ph[q] = h0; ph[q + 1] = h1; ph[q + 2] = h2;
      state[hot << 1] = mask;
    }
    if (cold >= 0) {
      const q = (cold * 6) | 0;
      ph[q] = c0; ph[q + 1] = c1; ph[q + 2] = c2;
      state[cold << 1] = mask & ~bit;
    }
  }
}

function bottomUp(
  nodeInt: Int32Array, nodeFloat: Float64Array, repeat: Float64Array, leafValue: Float64Array,
  ph: Float64Array, state: Int32Array, phi: Float64Array, first: number, n: number, phiOffset: number,
): void {
  for (let i = (n - 1) | 0; i >= 0; i = (i - 1) | 0) {
    const g = (first + i) | 0;
    const g4 = g << 2;
    const g3 = (g * 3) | 0;
    const right = state[(i << 1) + 1]!;
    const cl = nodeInt[g4 + 1]!;
    const cr = nodeInt[g4 + 2]!;
    const bits = nodeInt[g4 + 3]!;
    let l0: number, l1: number, l2: number, r0: number, r1: number, r2: number;
    if (cl >= 0) {
      const q = (cl * 6 + 3) | 0;
      l0 = ph[q]!; l1 = ph[q + 1]!; l2 = ph[q + 2]!;
    } else l0 = l1 = l2 = leafValue[~cl]!;
    if (cr >= 0) {
      const q = (cr * 6 + 3) | 0;
      r0 = ph[q]!; r1 = ph[q + 1]!; r2 = ph[q + 2]!;
    } else r0 = r1 = r2 = leafValue[~cr]!;
    const zl = nodeFloat[g3 + 1]!;
    const zr = nodeFloat[g3 + 2]!;
    const al = 1 - right - zl;
    const ar = right - zr;
    const d0 = al * l0 + ar * r0;
    const d1 = al * l1 + ar * r1;
    const d2 = al * l2 + ar * r2;
    let h0 = zl * l0 + zr * r0 + T0 * d0;
    let h1 = zl * l1 + zr * r1 + T1 * d1;
    let h2 = zl * l2 + zr * r2 + T2 * d2;
    const o = (i * 6) | 0;
    const f = (phiOffset + nodeInt[g4]!) | 0;
    if (bits >> REPEAT_SHIFT === 0) {
      phi[f] = phi[f]! + (W0 * ph[o]! * d0 + W1 * ph[o + 1]! * d1 + W2 * ph[o + 2]! * d2);
    } else {
      const d = (6 * ((bits >> REPEAT_SHIFT) - 1)) | 0;
      if ((state[i << 1]! & (1 << (bits & 31))) !== 0) {
        const q0 = repeat[d]!;
        const q1 = repeat[d + 1]!;
        const q2 = repeat[d + 2]!;
        const a = repeat[d + 3]!;
        h0 *= q0; h1 *= q1; h2 *= q2;
        phi[f] = phi[f]! + (W0 * ph[o]! * q0 * (d0 - a * h0) + W1 * ph[o + 1]! * q1 * (d1 - a * h1) + W2 * ph[o + 2]! * q2 * (d2 - a * h2));
      } else {
        const fl = repeat[d + 4]!;
        const fr = repeat[d + 5]!;
        h0 = fl * l0 + fr * r0; h1 = fl * l1 + fr * r1; h2 = fl * l2 + fr * r2;
      }
    }
    ph[o + 3] = h0;
    ph[o + 4] = h1;
    ph[o + 5] = h2;
  }
}
