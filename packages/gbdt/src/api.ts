// The learner's public contract: the estimator, the fitted model, the typed error. Implemented by booster.ts.
import type { FeatureInfo, GbdtParams, ImportanceType, Matrix, Objective, ShapOptions, ShapResult } from './types.js';

export type MatrixLike = Matrix | ReadonlyArray<ReadonlyArray<number>>;

/** A fitted, immutable model. Created only by `GradientBoosting.fit`, `loadModel` or `importXGBoost`. */
export interface GbdtModel {
  readonly objective: Objective;
  readonly features: readonly FeatureInfo[];
  /** Parameters used in training (for an imported model, what could be read). */
  readonly params: Readonly<GbdtParams>;
  /** Number of boosting rounds kept (after early stopping). */
  readonly nIterations: number;
  /** Classes in a multiclass model (1 for every other objective). */
  readonly nClasses: number;
  /** Binary: P(y = 1). Multiclass: row-major nRows x nClasses probabilities. Regression: the prediction. */
  predict(X: MatrixLike): Float64Array;
  /** Raw margins (log-odds, softmax logits, log-mean for Poisson). Same shape as predict. */
  predictRaw(X: MatrixLike): Float64Array;
  /** One row, no allocation: binary probability or regression value (multiclass: use predictRowInto). */
  predictRow(row: ArrayLike<number>): number;
  /** One row into out (length nClasses for multiclass, else 1): transformed predictions. */
  predictRowInto(row: ArrayLike<number>, out: Float64Array): void;
  /**
   * Exact TreeSHAP for one row: bias + sum(contributions) = raw score. Lookup tables in float32 by default
   * (see ShapPrecision for the error bound); `{ precision: 'float64' }` for the plain algorithm's values.
   */
  shapRow(row: ArrayLike<number>, options?: ShapOptions): ShapResult;
  /** Gain or split-count importance per feature (length nFeatures, summed over classes). */
  featureImportance(type: ImportanceType): Float64Array;
}

export type GbdtErrorCode =
  | 'GBDT_INVALID_PARAM'
  | 'GBDT_EMPTY_DATA'
  | 'GBDT_RAGGED_ROWS'
  | 'GBDT_INVALID_LABEL'
  | 'GBDT_SINGLE_CLASS'
  | 'GBDT_INVALID_WEIGHT'
  | 'GBDT_FEATURE_COUNT'
  | 'GBDT_UNKNOWN_CATEGORY'
  | 'GBDT_MODEL_FORMAT'
  | 'GBDT_XGBOOST_UNSUPPORTED';

/** Every error the learner throws: a stable code plus what it names (parameter, row, column). */
export class GbdtError extends Error {
  override readonly name = 'GbdtError';
  constructor(
    readonly code: GbdtErrorCode,
    message: string,
    readonly details: { param?: string; row?: number; column?: number | string; [k: string]: unknown } = {},
  ) {
    super(message);
  }
}
