// Public types of the learner: parameters, training data, fitted model. Shared by every other file.

export type Objective =
  | 'binary'
  | 'multiclass'
  | 'squared_error'
  | 'absolute_error'
  | 'huber'
  | 'quantile'
  | 'poisson';

export type FeatureType = 'numeric' | 'categorical';

/** Parameters, named as in scikit-learn's HistGradientBoosting / LightGBM, in camelCase. */
export interface GbdtParams {
  objective: Objective;
  /** Number of boosting rounds (trees per class). */
  maxIter: number;
  learningRate: number;
  /** Leaf-wise growth stops at this many leaves; undefined = limited by maxDepth only. */
  maxLeafNodes: number | undefined;
  /** undefined = unlimited depth (then maxLeafNodes must be set). */
  maxDepth: number | undefined;
  minSamplesLeaf: number;
  /** Minimum sum of hessians in a child. */
  minChildWeight: number;
  l2Regularization: number;
  /** At most 255 bins for values; one more bin is reserved for missing. */
  maxBins: number;
  /** Row subsampling per tree, in (0, 1]. */
  subsample: number;
  /** Feature subsampling per tree, in (0, 1]. */
  colsampleByTree: number;
  seed: number;
  /** Number of classes (multiclass only). */
  numClass: number | undefined;
  /** Per-feature monotonic constraint: -1, 0 or 1 (by index, or by feature name). */
  monotonicConstraints: ReadonlyArray<-1 | 0 | 1> | Readonly<Record<string, -1 | 0 | 1>> | undefined;
  /** Class weights (classification); 'balanced' weights classes by n / (k * count). */
  classWeight: ReadonlyArray<number> | 'balanced' | undefined;
  /** Pinball loss level for objective 'quantile'. */
  quantileAlpha: number;
  /** Delta for objective 'huber'. */
  huberDelta: number;
  /** Early stopping on the validation set: stop after `patience` rounds without improvement. */
  earlyStoppingPatience: number | undefined;
  /** Minimum improvement of the validation loss that counts. */
  earlyStoppingTolerance: number;
}

/**
 * Training/prediction matrix, row-major: value of row i, feature j at values[i * nFeatures + j].
 * Missing = NaN. Categorical features hold integer category codes 0..k-1 (NaN = missing).
 */
export interface Matrix {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly values: Float64Array | Float32Array;
}

export interface FeatureInfo {
  name: string;
  type: FeatureType;
  /** Category labels for a categorical feature; code c means categories[c]. */
  categories?: readonly string[];
}

export interface TrainingProgress {
  iteration: number;
  maxIter: number;
  trainLoss: number;
  validLoss: number | undefined;
  elapsedMs: number;
}

export interface FitInput {
  X: Matrix | ReadonlyArray<ReadonlyArray<number>>;
  y: ArrayLike<number>;
  sampleWeight?: ArrayLike<number>;
  /** Defaults to f0..f{n-1}, all numeric. */
  features?: readonly FeatureInfo[];
  validation?: { X: Matrix | ReadonlyArray<ReadonlyArray<number>>; y: ArrayLike<number>; sampleWeight?: ArrayLike<number> };
  onProgress?: (p: TrainingProgress) => void;
}

export interface ShapResult {
  /** Per-feature contributions to the raw score (margin), length nFeatures (x numClass for multiclass, class-major). */
  contributions: Float64Array;
  /** Expected raw score (the base value); bias + sum(contributions) = raw score. */
  bias: number | Float64Array;
}

/**
 * How shapRow stores the contributions it tabulates per tree (TreeSHAP lookup tables, trees with at most 6
 * distinct features on a path; other trees are always explained in float64). The values are still those
 * of exact TreeSHAP, computed in float64; only their storage differs:
 *   'float32' (default)  each stored value rounded to nearest float32 and summed in float64: half the memory a
 *                        row reads (0.7 to 0.85x the time per row on a 200-tree depth-6 model). A contribution
 *                        is off by at most 2^-24 (6e-8) times the sum of the |values| it adds up. Measured: on
 *                        the bench's synth-1m model (200 trees, depth 6, 2,000 rows) at most 1.4e-8 per
 *                        contribution and 2.4e-8 in additivity (bias + contributions - raw score), 4e-10 and
 *                        7e-10 of the margin scale (per class, the sum over trees of the largest |leaf value|);
 *                        on the tests' random forests at most 6e-8 of it, and the tests hold it to 1e-6.
 *                        XGBoost computes SHAP values in float32 too.
 *   'float64'            the plain algorithm's values to about 1e-15 (the tests hold them to 5e-12), for
 *                        callers who need agreement to the last bits.
 */
export type ShapPrecision = 'float32' | 'float64';

export interface ShapOptions {
  /** Precision of the lookup tables; 'float32' unless set. */
  precision?: ShapPrecision;
}

export type ImportanceType = 'gain' | 'split';
