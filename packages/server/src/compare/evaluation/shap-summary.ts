// SHAP summary of a model over a sample of rows: mean |SHAP| per feature and the per-row dots of a beeswarm plot.
import type { GbdtModel, Matrix } from '@shopfloor/gbdt';
import type { ShapSummary, UseCase } from '@shopfloor/contracts';

/**
 * Exact TreeSHAP for every row of `matrix` (already the sample). Multiclass rows explain the class the
 * model finds most likely: contributions are class-major, contributions[k * nFeatures + j].
 * A dot's `position` places its reading between the sample's min (0) and max (1) of that feature, the
 * colour scale of a beeswarm plot; categorical and missing readings have none.
 */
export function shapSummary(model: GbdtModel, matrix: Matrix, useCase: Pick<UseCase, 'task' | 'features'>): ShapSummary {
  const nFeatures = matrix.nFeatures;
  const n = matrix.nRows;
  const shap = new Float64Array(n * nFeatures); // row-major n x nFeatures
  const probabilities = new Float64Array(Math.max(1, model.nClasses));
  for (let i = 0; i < n; i++) {
    const row = matrix.values.subarray(i * nFeatures, (i + 1) * nFeatures);
    const { contributions } = model.shapRow(row);
    let k = 0;
    if (useCase.task === 'multiclass') {
      model.predictRowInto(row, probabilities);
      for (let c = 1; c < model.nClasses; c++) if (probabilities[c]! > probabilities[k]!) k = c;
    }
    for (let j = 0; j < nFeatures; j++) shap[i * nFeatures + j] = contributions[k * nFeatures + j]!;
  }
  const units = new Map(useCase.features.map((f) => [f.name, f.unit ?? null]));
  const features = model.features.map((info, j) => {
    const numeric = info.type !== 'categorical';
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = matrix.values[i * nFeatures + j]!;
      if (numeric && Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    let sumAbs = 0;
    const points = Array.from({ length: n }, (_, i) => {
      const value = matrix.values[i * nFeatures + j]!;
      const s = shap[i * nFeatures + j]!;
      sumAbs += Math.abs(s);
      const known = numeric && Number.isFinite(value);
      return { shap: s, value: known ? value : null, position: known ? (max > min ? (value - min) / (max - min) : 0.5) : null };
    });
    return { feature: info.name, unit: units.get(info.name) ?? null, meanAbs: n === 0 ? 0 : sumAbs / n, points };
  });
  features.sort((a, b) => b.meanAbs - a.meanAbs);
  const scale = useCase.task === 'binary' ? 'log-odds' : useCase.task === 'regression' ? 'value' : 'logit of the predicted class';
  return { rows: n, scale, features };
}
