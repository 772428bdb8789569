// Drift of one feature (or of the predictions) between the training rows and a live batch: PSI with bins, and the mean-shift test.
import type { InputRow, ModelInput } from '@shopfloor/contracts';

type FeatureValue = InputRow[string];
import { binLabels, categoricalBins, countLevels, countNumeric, numericBins, type FeatureBins, type LevelValue } from './bins.js';
import { meanShift, type MeanShiftResult } from './mean-shift.js';
import { psi, psiBand, type PsiBand } from './psi.js';

/** One feature's values in time order: numbers (NaN = missing) or levels (null = missing; booleans as "true"/"false"). */
export type FeatureSeries =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: ArrayLike<number> }
  | { readonly name: string; readonly kind: 'categorical'; readonly values: readonly LevelValue[]; readonly levels: readonly string[] };

/** stable: nothing to see; watch: a moderate PSI or a significant mean shift alone; drift: a major PSI, or both signs at once. */
export type DriftStatus = 'stable' | 'watch' | 'drift';

export interface DriftBin {
  bin: string;
  reference: number;
  live: number;
}

export interface FeatureDrift {
  feature: string;
  kind: 'numeric' | 'categorical';
  referenceRows: number;
  liveRows: number;
  /** NaN (null in JSON) when the live batch is empty. */
  psi: number;
  band: PsiBand | null;
  /** Counts per bin, missing last. */
  bins: DriftBin[];
  /** Numeric series only; null when either side has too few values. */
  meanShift: MeanShiftResult | null;
  status: DriftStatus;
}

export function driftStatus(band: PsiBand | null, shift: MeanShiftResult | null): DriftStatus {
  const shifted = shift?.drifted ?? false;
  if (band === 'major' || (band === 'moderate' && shifted)) return 'drift';
  if (band === 'moderate' || shifted) return 'watch';
  return 'stable';
}

/** Bins from the reference series: deciles for numbers, the reference's levels for categories. */
export function referenceBins(reference: FeatureSeries): FeatureBins {
  return reference.kind === 'numeric' ? numericBins(reference.values) : categoricalBins(reference.levels);
}

function counts(bins: FeatureBins, series: FeatureSeries): Float64Array {
  if (bins.kind === 'numeric' && series.kind === 'numeric') return countNumeric(bins, series.values);
  if (bins.kind === 'categorical' && series.kind === 'categorical') return countLevels(bins, series.values);
  throw new TypeError(`feature "${series.name}" is ${series.kind} live but the reference is ${bins.kind}`);
}

export function featureDrift(reference: FeatureSeries, live: FeatureSeries, bins: FeatureBins = referenceBins(reference)): FeatureDrift {
  const ref = counts(bins, reference);
  const cur = counts(bins, live);
  const value = psi(ref, cur);
  const band = Number.isNaN(value) ? null : psiBand(value);
  const shift = reference.kind === 'numeric' && live.kind === 'numeric' ? meanShift(reference.values, live.values) : null;
  const labels = binLabels(bins);
  return {
    feature: reference.name,
    kind: reference.kind,
    referenceRows: reference.values.length,
    liveRows: live.values.length,
    psi: value,
    band,
    bins: labels.map((bin, i) => ({ bin, reference: ref[i]!, live: cur[i]! })),
    meanShift: shift,
    status: driftStatus(band, shift),
  };
}

/** A boolean or categorical cell as a level: booleans (or 0/1 for booleans) as "true"/"false"; null/undefined missing. */
export function levelOf(value: FeatureValue | undefined, kind: ModelInput['kind']): LevelValue {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') {
    if (value === true || value === 1 || value === 'true') return 'true';
    if (value === false || value === 0 || value === 'false') return 'false';
  }
  return String(value);
}

/** A numeric cell: a finite number, or a numeric string (as the prediction service accepts); anything else is missing. */
export function numberOf(value: FeatureValue | undefined): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : Number.NaN;
  }
  return Number.NaN;
}

/** The live series of every model input from logged request rows (time order kept). */
export function liveSeries(inputs: readonly ModelInput[], rows: readonly Readonly<Record<string, FeatureValue>>[]): FeatureSeries[] {
  return inputs.map((input) => {
    if (input.kind === 'numeric') return { name: input.name, kind: 'numeric', values: Float64Array.from(rows, (r) => numberOf(r[input.name])) };
    const levels = input.kind === 'boolean' ? ['false', 'true'] : (input.levels ?? []);
    return { name: input.name, kind: 'categorical', levels, values: rows.map((r) => levelOf(r[input.name], input.kind)) };
  });
}
