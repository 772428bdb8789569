// Baselines for a report: each sensor's and each redundancy group's, fitted on the readings before a reference cut-off.
import type { SensorSpec } from '@shopfloor/contracts';
import { fitBaseline, type SensorBaseline } from '../baseline.js';
import type { SensorSeries } from '../batch.js';
import type { DifferenceBaseline } from '../check-drift.js';
import { fitGroupBaseline } from '../group-baseline.js';

export interface ReferenceFit {
  baselines: Record<string, SensorBaseline>;
  groupBaselines: Record<string, DifferenceBaseline>;
  /** Readings each sensor's baseline was fitted on (before the cut-off). */
  referenceReadings: Record<string, number>;
  /** Why a sensor has no baseline (it is then not checked) or no drift check, by sensor id. */
  notes: Record<string, string[]>;
}

/** The part of a series with times before `cut` (times ascending). */
export function before(series: SensorSeries, cut: number): SensorSeries {
  let n = 0;
  while (n < series.times.length && series.times[n]! < cut) n++;
  return { sensor: series.sensor, times: series.times.subarray(0, n), values: series.values.subarray(0, n) };
}

/** Member values on the times every member has a reading at (frames of the group). */
function aligned(parts: readonly SensorSeries[]): Float64Array[] {
  const counts = new Map<number, number>();
  for (const p of parts) for (const t of p.times) counts.set(t, (counts.get(t) ?? 0) + 1);
  return parts.map((p) => Float64Array.from(Array.from(p.times.keys()).filter((i) => counts.get(p.times[i]!) === parts.length).map((i) => p.values[i]!)));
}

export function fitReference(specs: readonly SensorSpec[], series: readonly SensorSeries[], cut: number): ReferenceFit {
  const fit: ReferenceFit = { baselines: {}, groupBaselines: {}, referenceReadings: {}, notes: {} };
  const note = (id: string, text: string): void => void (fit.notes[id] ??= []).push(text);
  const parts = new Map<string, SensorSeries>();
  for (const spec of specs) {
    const s = series.find((x) => x.sensor === spec.id);
    const part = s === undefined ? { sensor: spec.id, times: new Float64Array(0), values: new Float64Array(0) } : before(s, cut);
    fit.referenceReadings[spec.id] = part.times.length;
    try {
      fit.baselines[spec.id] = fitBaseline(part.times, part.values, spec);
      parts.set(spec.id, part);
    } catch (e) {
      note(spec.id, `not checked: no baseline from its ${part.times.length} reference readings (${(e as Error).message})`);
    }
  }
  const groups = new Map<string, SensorSpec[]>();
  for (const spec of specs) if (spec.redundancyGroup !== undefined && parts.has(spec.id)) groups.set(spec.redundancyGroup, [...(groups.get(spec.redundancyGroup) ?? []), spec]);
  for (const [group, members] of groups) {
    if (members.length < 2) {
      note(members[0]!.id, `no drift check: no other checked sensor of redundancy group ${group} in this report`);
      continue;
    }
    const values = aligned(members.map((m) => parts.get(m.id)!));
    try {
      Object.assign(fit.groupBaselines, fitGroupBaseline(members.map((spec, j) => ({ spec, values: values[j]! }))));
    } catch (e) {
      for (const m of members) note(m.id, `no drift check against group ${group}: ${(e as Error).message}`);
    }
  }
  return fit;
}
