// The report's core: baselines from the reference part, the batch checks over every series, each sensor's findings.
import type { SensorHealth, SensorSpec, TrustIssue } from '@shopfloor/contracts';
import { checkSeries, type SensorSeries } from '../batch.js';
import { createTrustMonitor } from '../monitor.js';
import type { TrustParams } from '../params.js';
import { fitReference } from './reference.js';
import { countByCode, mergedRanges, readingsInside, type TimeRange } from './sensor-findings.js';

export interface SensorFindings {
  sensor: string;
  checked: boolean;
  readings: number;
  referenceReadings: number;
  affectedReadings: number;
  issueCounts: Record<string, number>;
  /** Ordered by start. */
  issues: TrustIssue[];
  ranges: TimeRange[];
  health: SensorHealth;
  notes: string[];
}

/**
 * specs: the sensors of the report; series: their readings (times ascending; a sensor without one has
 * none). Baselines are fitted on the readings before `cut` and the checks run over every reading,
 * the reference part included. A sensor without a baseline is not checked: its health is `suspect`
 * (readings too few or too erratic to judge) or `untrusted` when it sent no reading at all.
 */
export function trustFindings(specs: readonly SensorSpec[], series: readonly SensorSeries[], cut: number, params?: Partial<TrustParams>): SensorFindings[] {
  const fit = fitReference(specs, series, cut);
  const notes = (id: string): string[] => (fit.notes[id] ??= []);
  const checked = new Set(specs.filter((s) => fit.baselines[s.id] !== undefined).map((s) => s.id));
  const monitorSpecs = specs
    .filter((s) => checked.has(s.id))
    .map((s) => {
      if (s.relation === undefined || checked.has(s.relation.other)) return s;
      notes(s.id).push(`relation to ${s.relation.other} not checked: that sensor is not checked in this report`);
      const { relation: _dropped, ...rest } = s;
      return rest;
    });
  const feed = series.filter((s) => checked.has(s.sensor));
  const monitor = monitorSpecs.length === 0 ? null : createTrustMonitor(monitorSpecs, { baselines: fit.baselines, groupBaselines: fit.groupBaselines, ...(params === undefined ? {} : { params }) });
  const issues = monitor === null ? [] : checkSeries(monitor, feed).issues;
  return specs.map((spec) => {
    const s = series.find((x) => x.sensor === spec.id);
    const times = s?.times ?? new Float64Array(0);
    const own = issues.filter((i) => i.sensor === spec.id).sort((a, b) => a.from - b.from);
    const ranges = mergedRanges(own, times[times.length - 1] ?? 0);
    const on = checked.has(spec.id) && monitor !== null;
    return {
      sensor: spec.id,
      checked: on,
      readings: times.length,
      referenceReadings: fit.referenceReadings[spec.id] ?? 0,
      affectedReadings: readingsInside(times, ranges),
      issueCounts: countByCode(own),
      issues: own,
      ranges,
      health: on ? monitor.health(monitor.indexOf(spec.id)) : times.length === 0 ? 'untrusted' : 'suspect',
      notes: notes(spec.id),
    };
  });
}
