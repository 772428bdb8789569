// Prediction trees as flat typed arrays (one entry per node) and the forest that holds them.

/**
 * One tree, node 0 is the root. Arrays have length nNodes.
 *   internal node i: feature[i] >= 0, children left[i] / right[i]
 *   leaf i:          feature[i] === -1, value[i] is its output (learning rate already applied)
 * Numeric split: a row goes left when x <= threshold[i]; missing (NaN) goes left when missingLeft[i] === 1.
 * Categorical split (catOffset[i] >= 0): the row goes left when the bit of its category code is set in
 * catBits[catOffset[i] ...] (32 categories per word); a missing value follows missingLeft[i].
 */
export interface FlatTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  /** Sum of hessians of the training rows reaching the node (TreeSHAP needs it). */
  readonly cover: Float64Array;
  /** Loss reduction of the split (0 for leaves). */
  readonly gain: Float64Array;
  readonly catOffset: Int32Array;
  readonly catBits: Uint32Array;
}

/**
 * A forest: tree t adds to the margin of class treeClass[t]; margins start at baseScore[class].
 * float32: inputs pass through Math.fround and margins are summed in float32 in tree order
 * (how XGBoost predicts; set for imported XGBoost models so predictions match it to 1e-6).
 */
export interface Forest {
  readonly trees: readonly FlatTree[];
  readonly treeClass: Int32Array;
  readonly baseScore: Float64Array;
  readonly nClasses: number;
  readonly nFeatures: number;
  readonly float32: boolean;
}
