// Alerts for drift beyond its band: one per feature (or prediction series) whose status is drift.
import type { DriftReport, FeatureDriftReport } from '@shopfloor/contracts';
import { newId, type NewAlert } from '../../store/index.js';

function describe(f: FeatureDriftReport): string {
  const parts = [`PSI ${f.psi === null ? 'n/a' : f.psi.toFixed(3)} (${f.band ?? 'no data'})`];
  const shift = f.meanShift;
  if (shift !== null && shift.shiftSd !== null) parts.push(`mean ${shift.shiftSd >= 0 ? '+' : ''}${shift.shiftSd.toFixed(2)} sd${shift.drifted ? ', significant' : ''}`);
  return parts.join(', ');
}

/** Keys `drift:<input>` and `drift:prediction:<score|decision>`; a major PSI is critical, the rest a warning. */
export function driftAlerts(report: DriftReport, at: string): NewAlert[] {
  const series = [...report.features.map((f) => ({ f, key: `drift:${f.feature}`, what: `input "${f.feature}"` })), ...report.predictions.map((f) => ({ f, key: `drift:prediction:${f.feature}`, what: `the model's ${f.feature}` }))];
  return series
    .filter(({ f }) => f.status === 'drift')
    .map(({ f, key, what }) => ({
      id: newId('alr'),
      useCaseId: report.useCaseId,
      kind: 'drift' as const,
      severity: f.band === 'major' ? ('critical' as const) : ('warning' as const),
      key,
      at,
      entity: null,
      predictionId: null,
      modelVersionId: report.model.id,
      message: `${what} drifted from model v${report.model.version}'s training data: ${describe(f)}`,
      details: { feature: f.feature, psi: f.psi, band: f.band, status: f.status, meanShift: f.meanShift, window: report.window },
    }));
}
