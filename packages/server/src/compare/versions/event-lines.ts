// Predictive-maintenance event metrics per version and set, for use cases whose target comes from failure labels.
import type { EventLine, Label, UseCase } from '@shopfloor/contracts';
import { eventMetrics, type FailureEvent } from '../../evaluate/index.js';
import type { TypedColumn } from '../../ingest/index.js';
import { cellOf } from '../sets/set-rows.js';
import type { ScoredSet } from './score-set.js';

const HOUR_MS = 3_600_000;

/** The asset of a row as text (a categorical, id or numeric column), null when missing. */
function assetReader(column: TypedColumn | undefined): ((r: number) => string | null) | null {
  if (column === undefined || (column.kind !== 'categorical' && column.kind !== 'id' && column.kind !== 'numeric')) return null;
  return (r) => {
    const v = cellOf(column, r);
    return v === null ? null : String(v);
  };
}

/**
 * Failures caught within the horizon, lead time and false alarms per asset-day of every version's
 * alarms on the set (evaluate/event-metrics.ts). The failures are the standing labels of the use case's
 * label classes (their start) on the set's assets, inside each asset's observed period (after its first
 * scored row, up to its last): a failure outside the period evaluated cannot be caught or missed here.
 * Empty unless the use case derives its target from labels, with an asset and a timestamp column.
 */
export function eventLines(useCase: Pick<UseCase, 'labelTarget' | 'entityColumn' | 'timeColumn'>, set: ScoredSet, labels: readonly Label[]): EventLine[] {
  const target = useCase.labelTarget;
  if (target === undefined || useCase.entityColumn === undefined || useCase.timeColumn === undefined) return [];
  const assetOf = assetReader(set.table.columns.find((c) => c.name === useCase.entityColumn));
  const time = set.table.columns.find((c) => c.name === useCase.timeColumn);
  if (assetOf === null || time?.kind !== 'timestamp') return [];
  const keep: number[] = [];
  const assets: string[] = [];
  const times: number[] = [];
  set.rows.forEach((r, i) => {
    const asset = assetOf(r);
    if (asset === null || Number.isNaN(time.values[r]!)) return;
    keep.push(i);
    assets.push(asset);
    times.push(time.values[r]!);
  });
  const period = new Map<string, [number, number]>();
  assets.forEach((a, k) => {
    const p = period.get(a);
    period.set(a, p === undefined ? [times[k]!, times[k]!] : [Math.min(p[0], times[k]!), Math.max(p[1], times[k]!)]);
  });
  const failures: FailureEvent[] = [];
  for (const label of labels) {
    if (!target.classes.includes(label.class)) continue;
    const at = Date.parse(label.start);
    const p = period.get(label.asset);
    if (p !== undefined && at > p[0] && at <= p[1]) failures.push({ asset: label.asset, time: at });
  }
  const horizonMs = target.horizonHours * HOUR_MS;
  return set.versions.map((v) => {
    const m = eventMetrics({ assets, times, decisions: keep.map((i) => v.decisions[i]!) }, failures, { horizonMs });
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    return {
      modelVersionId: v.ref.id,
      set: set.ref.name,
      horizonHours: target.horizonHours,
      failures: m.failures,
      caught: m.caught,
      caughtShare: finite(m.caughtShare),
      medianLeadHours: finite(m.leadTime.median / HOUR_MS),
      alarms: m.alarms,
      falseAlarms: m.falseAlarms,
      falseAlarmsPerAssetDay: finite(m.falseAlarmsPerAssetDay),
    };
  });
}
