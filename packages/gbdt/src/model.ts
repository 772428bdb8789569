// The fitted model: an immutable Forest plus its description, with prediction, SHAP and importances.
import { GbdtError, type GbdtModel, type MatrixLike } from './api.js';
import { checkForest } from './forest-check.js';
import { featureImportance } from './importance.js';
import { applyInverseLink, sigmoid } from './link.js';
import { defaultParams } from './params.js';
import { compileForest, ForestPredictor } from './predictor.js';
import { createTreeShapExplainer, type ShapExplainer } from './shap.js';
import type { Forest } from './tree.js';
import type { FeatureInfo, GbdtParams, ImportanceType, Objective, ShapOptions, ShapPrecision, ShapResult } from './types.js';
import { toMatrix } from './validate.js';

export interface ModelMeta {
  readonly objective: Objective;
  readonly features: readonly FeatureInfo[];
  /** What is known of the training parameters; missing ones are filled with defaults. */
  readonly params: Partial<GbdtParams>;
  readonly nIterations: number;
  /** Numeric bin thresholds per feature ([] when unknown, e.g. imported models). */
  readonly binEdges?: readonly (readonly number[])[];
}

export class ForestModel implements GbdtModel {
  readonly objective: Objective;
  readonly features: readonly FeatureInfo[];
  readonly params: Readonly<GbdtParams>;
  readonly nIterations: number;
  readonly nClasses: number;
  readonly forest: Forest;
  readonly binEdges: readonly (readonly number[])[];
  private readonly predictor: ForestPredictor;
  private readonly rowMargins: Float64Array;
  private readonly explainers = new Map<ShapPrecision, ShapExplainer>();

  constructor(forest: Forest, meta: ModelMeta) {
    this.forest = forest;
    this.objective = meta.objective;
    this.features = meta.features.map((f) => Object.freeze({ ...f, ...(f.categories ? { categories: Object.freeze([...f.categories]) } : {}) }));
    this.params = Object.freeze({ ...defaultParams(meta.objective), ...meta.params, objective: meta.objective });
    this.nIterations = meta.nIterations;
    this.nClasses = forest.nClasses;
    this.binEdges = meta.binEdges ?? this.features.map(() => []);
    this.predictor = new ForestPredictor(compileForest(forest, this.features));
    this.rowMargins = new Float64Array(forest.nClasses);
  }

  predict(X: MatrixLike): Float64Array {
    const raw = this.predictRaw(X);
    applyInverseLink(this.objective, raw, this.nClasses, raw);
    return raw;
  }

  predictRaw(X: MatrixLike): Float64Array {
    const m = toMatrix(X);
    this.checkWidth(m.nFeatures);
    return this.predictor.predictRawMatrix(m);
  }

  predictRow(row: ArrayLike<number>): number {
    if (this.nClasses !== 1) throw new GbdtError('GBDT_INVALID_PARAM', 'predictRow returns one number; use predictRowInto for a multiclass model', { param: 'row' });
    this.prepareRow(row);
    this.predictor.marginsInto(row, 0, this.rowMargins, 0);
    const z = this.rowMargins[0]!;
    return this.objective === 'binary' ? sigmoid(z) : this.objective === 'poisson' ? Math.exp(z) : z;
  }

  predictRowInto(row: ArrayLike<number>, out: Float64Array): void {
    if (out.length < this.nClasses) throw new GbdtError('GBDT_INVALID_PARAM', `out has length ${out.length}; need ${this.nClasses}`, { param: 'out' });
    this.prepareRow(row);
    this.predictor.marginsInto(row, 0, out, 0);
    applyInverseLink(this.objective, out, this.nClasses, out, 0, 1);
  }

  shapRow(row: ArrayLike<number>, options: ShapOptions = {}): ShapResult {
    const precision = options.precision ?? 'float32';
    if (precision !== 'float32' && precision !== 'float64') {
      throw new GbdtError('GBDT_INVALID_PARAM', `SHAP precision must be 'float32' or 'float64'; got ${String(precision)}`, { param: 'precision' });
    }
    this.prepareRow(row);
    let explainer = this.explainers.get(precision);
    if (explainer === undefined) {
      explainer = createTreeShapExplainer(this.forest, { precision });
      this.explainers.set(precision, explainer);
    }
    const contributions = new Float64Array(this.forest.nFeatures * this.nClasses);
    explainer.explainInto(row, contributions);
    const bias = this.nClasses === 1 ? explainer.bias[0]! : Float64Array.from(explainer.bias);
    return { contributions, bias };
  }

  featureImportance(type: ImportanceType): Float64Array {
    if (type !== 'gain' && type !== 'split') throw new GbdtError('GBDT_INVALID_PARAM', `importance type must be 'gain' or 'split'; got ${String(type)}`, { param: 'type' });
    return featureImportance(this.forest, type);
  }

  private prepareRow(row: ArrayLike<number>): void {
    if (row === null || typeof row !== 'object') throw new GbdtError('GBDT_FEATURE_COUNT', 'row must be an array of numbers');
    this.checkWidth(row.length);
    this.predictor.checkCategories(row, 0, undefined);
  }

  private checkWidth(n: number): void {
    checkFeatureCount(this.forest.nFeatures, n);
  }
}

/** Throws GBDT_FEATURE_COUNT unless a matrix or row to predict has the model's number of features. */
export function checkFeatureCount(expected: number, received: number): void {
  if (received !== expected) {
    throw new GbdtError('GBDT_FEATURE_COUNT', `expected ${expected} features, got ${received}`, { expected, received });
  }
}

/**
 * Wraps a Forest (e.g. from the XGBoost importer, float32: true) as a GbdtModel; the forest is checked
 * structurally first (GBDT_MODEL_FORMAT) and must not be modified afterwards.
 */
export function modelFromForest(forest: Forest, meta: ModelMeta): GbdtModel {
  checkForest(forest);
  if (meta.features.length !== forest.nFeatures) {
    throw new GbdtError('GBDT_MODEL_FORMAT', `features: expected ${forest.nFeatures} entries, got ${meta.features.length}`, { path: 'features' });
  }
  return new ForestModel(forest, meta);
}
