// Structural checks of a Forest (from a file or an importer) so prediction can never loop or read garbage.
import { GbdtError } from './api.js';
import type { FlatTree, Forest } from './tree.js';

function fail(message: string, path: string): never {
  throw new GbdtError('GBDT_MODEL_FORMAT', message, { path });
}

/** Throws GBDT_MODEL_FORMAT naming the first problem, e.g. "trees[3].left[5]: child 99 out of range [0, 15)". */
export function checkForest(forest: Forest): void {
  const { nClasses, nFeatures, trees, treeClass, baseScore } = forest;
  if (!Number.isInteger(nClasses) || nClasses < 1) fail(`nClasses: expected an integer >= 1, got ${nClasses}`, 'nClasses');
  if (!Number.isInteger(nFeatures) || nFeatures < 1) fail(`nFeatures: expected an integer >= 1, got ${nFeatures}`, 'nFeatures');
  if (baseScore.length !== nClasses) fail(`baseScore: expected array of length ${nClasses}`, 'baseScore');
  baseScore.forEach((b, k) => Number.isFinite(b) || fail(`baseScore[${k}]: expected a finite number, got ${b}`, `baseScore[${k}]`));
  if (treeClass.length !== trees.length) fail(`treeClass: expected array of length ${trees.length}`, 'treeClass');
  treeClass.forEach((c, t) => (c >= 0 && c < nClasses) || fail(`treeClass[${t}]: class ${c} out of range [0, ${nClasses})`, `treeClass[${t}]`));
  trees.forEach((tree, t) => checkTree(tree, nFeatures, `trees[${t}]`));
}

const ARRAYS = ['feature', 'threshold', 'missingLeft', 'left', 'right', 'value', 'cover', 'gain', 'catOffset'] as const;

export function checkTree(tree: FlatTree, nFeatures: number, at: string): void {
  const n = tree.feature.length;
  if (n < 1) fail(`${at}.feature: a tree needs at least one node`, `${at}.feature`);
  for (const name of ARRAYS) {
    if (tree[name].length !== n) fail(`${at}.${name}: expected array of length ${n}`, `${at}.${name}`);
  }
  const parents = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i]!;
    if (!(f >= -1 && f < nFeatures)) fail(`${at}.feature[${i}]: feature ${f} out of range [-1, ${nFeatures})`, `${at}.feature[${i}]`);
    if (f < 0) {
      if (!Number.isFinite(tree.value[i])) fail(`${at}.value[${i}]: leaf value must be finite, got ${tree.value[i]}`, `${at}.value[${i}]`);
      continue;
    }
    for (const side of ['left', 'right'] as const) {
      const c = tree[side][i]!;
      if (!(c > 0 && c < n)) fail(`${at}.${side}[${i}]: child ${c} out of range [1, ${n})`, `${at}.${side}[${i}]`);
      if (c === i) fail(`${at}.${side}[${i}]: node ${i} is its own child`, `${at}.${side}[${i}]`);
      if (parents[c] !== -1) fail(`${at}.${side}[${i}]: node ${c} already has parent ${parents[c]}`, `${at}.${side}[${i}]`);
      parents[c] = i;
    }
    const o = tree.catOffset[i]!;
    if (o >= 0 ? o >= tree.catBits.length : o !== -1) fail(`${at}.catOffset[${i}]: offset ${o} outside catBits (length ${tree.catBits.length})`, `${at}.catOffset[${i}]`);
    if (o < 0 && Number.isNaN(tree.threshold[i])) fail(`${at}.threshold[${i}]: numeric split threshold is NaN`, `${at}.threshold[${i}]`);
  }
  // Every node but the root has exactly one parent; with n - 1 edges that means a tree iff all are reachable.
  let reached = 0;
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    reached++;
    if (reached > n) break;
    if (tree.feature[i]! >= 0) stack.push(tree.left[i]!, tree.right[i]!);
  }
  if (reached !== n) fail(`${at}: ${n - reached} nodes are not reachable from the root (or the nodes form a cycle)`, at);
}
