// The model inputs of a use case: per feature its kind, unit, sensor and the training rows' range (the UI's form schema).
import type { FeatureSpec, ModelInput } from '@shopfloor/contracts';
import { BOOLEAN_MISSING, type TypedTable } from '../ingest/index.js';
import { featureKindOf, requireColumns } from '../learn/index.js';

/** Range, median (mean of the middle two for an even count) and quartile/5% quantiles of the non-missing values of the selected rows. */
function rangeOf(values: Float64Array, train: Uint8Array): Pick<ModelInput, 'min' | 'max' | 'median' | 'quantiles'> {
  const present: number[] = [];
  for (let r = 0; r < values.length; r++) if (train[r] === 1 && !Number.isNaN(values[r]!)) present.push(values[r]!);
  if (present.length === 0) return {};
  const sorted = Float64Array.from(present).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const quantiles = { p05: quantileOf(sorted, 0.05), p25: quantileOf(sorted, 0.25), p75: quantileOf(sorted, 0.75), p95: quantileOf(sorted, 0.95) };
  return { min: sorted[0]!, max: sorted[sorted.length - 1]!, median, quantiles };
}

/** q-quantile of ascending values by linear interpolation between order statistics (numpy's default). */
function quantileOf(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a === b ? a : a + (h - lo) * (b - a);
}

/**
 * One ModelInput per feature, in the use case's order. Numeric ranges come from the training rows
 * (train[r] = 1) only, so the form shows what the model has seen; categorical inputs list every level
 * of the dataset version (the codes the model is trained with).
 */
export function modelInputs(table: TypedTable, features: readonly FeatureSpec[], train: Uint8Array): ModelInput[] {
  const columns = requireColumns(table, features.map((f) => f.name), 'features');
  return columns.map((column, j) => {
    const spec = features[j]!;
    const base = {
      name: spec.name,
      kind: featureKindOf(column),
      ...(spec.unit === undefined ? {} : { unit: spec.unit }),
      ...(spec.sensorId === undefined ? {} : { sensorId: spec.sensorId }),
    };
    if (column.kind === 'numeric') return { ...base, ...rangeOf(column.values, train) };
    if (column.kind === 'categorical') return { ...base, levels: [...column.levels] };
    if (column.kind === 'boolean') {
      const asNumbers = Float64Array.from(column.values, (v) => (v === BOOLEAN_MISSING ? Number.NaN : v));
      return { ...base, ...rangeOf(asNumbers, train), levels: ['false', 'true'] };
    }
    return base;
  });
}
