// A use case's drift report: every input and the champion's predictions, live window against the training reference.
import type { DriftReport, FeatureDriftReport, InputRow, ModelInput, Prediction } from '@shopfloor/contracts';
import { featureDrift, liveSeries, type DriftStatus, type FeatureDrift, type FeatureSeries } from './feature-drift.js';
import type { DriftReference } from './reference.js';

/** The live side, in time order: every served row's inputs, and the answers of the reference's own model version. */
export interface LiveBatch {
  inputs: readonly InputRow[];
  /** Outputs of rows answered by the reference's model version on the champion path. */
  outputs: readonly Prediction[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const RANK: Record<DriftStatus, number> = { stable: 0, watch: 1, drift: 2 };

export function presentDrift(d: FeatureDrift): FeatureDriftReport {
  const s = d.meanShift;
  return {
    feature: d.feature,
    kind: d.kind,
    referenceRows: d.referenceRows,
    liveRows: d.liveRows,
    psi: finite(d.psi),
    band: d.band,
    status: d.status,
    bins: d.bins,
    meanShift:
      s === null
        ? null
        : {
            referenceMean: s.reference.mean,
            liveMean: s.live.mean,
            shiftSd: finite(s.shiftSd),
            referenceEffectiveN: s.reference.nEffective,
            liveEffectiveN: s.live.nEffective,
            referenceLag1: finite(s.reference.lag1),
            liveLag1: finite(s.live.lag1),
            z: finite(s.z),
            pValue: s.pValue,
            drifted: s.drifted,
          },
  };
}

export interface DriftReportMeta {
  useCaseId: string;
  model: { id: string; version: number };
  window: { from: string; to: string };
}

export function worstStatus(statuses: readonly DriftStatus[]): DriftStatus {
  return statuses.reduce<DriftStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'stable');
}

export function driftReport(meta: DriftReportMeta, inputs: readonly ModelInput[], reference: DriftReference, live: LiveBatch): DriftReport {
  const liveFeatures = liveSeries(inputs, live.inputs);
  const features = reference.features.map((ref, j) => featureDrift(ref, liveFeatures[j]!));
  const scores: FeatureSeries = { name: 'score', kind: 'numeric', values: Float64Array.from(live.outputs, (o) => o.score ?? Number.NaN) };
  const decisions: FeatureSeries = { name: 'decision', kind: 'categorical', levels: [], values: live.outputs.map((o) => o.decision?.label ?? null) };
  const predictions = [featureDrift(reference.score, scores), featureDrift(reference.decision, decisions)];
  const all = [...features, ...predictions].map(presentDrift);
  return {
    useCaseId: meta.useCaseId,
    model: meta.model,
    reference: { datasetVersionId: reference.datasetVersionId, rows: reference.rows, timeColumn: reference.timeColumn, from: reference.from, to: reference.to },
    window: { ...meta.window, predictions: live.inputs.length },
    status: worstStatus(all.map((f) => f.status)),
    features: all.slice(0, features.length),
    predictions: all.slice(features.length),
  };
}
