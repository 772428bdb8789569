// Feature importances from a forest: total split gain or number of splits per feature.
import type { Forest } from './tree.js';
import type { ImportanceType } from './types.js';

/** Per feature (summed over classes): 'gain' adds each split's loss reduction, 'split' counts splits. */
export function featureImportance(forest: Forest, type: ImportanceType): Float64Array {
  const out = new Float64Array(forest.nFeatures);
  for (const tree of forest.trees) {
    for (let i = 0; i < tree.feature.length; i++) {
      const f = tree.feature[i]!;
      if (f >= 0) out[f] = out[f]! + (type === 'gain' ? tree.gain[i]! : 1);
    }
  }
  return out;
}
