// Batch checks over a stored range: the series are merged by time and fed to the same streaming monitor.
import type { TrustIssue } from '@shopfloor/contracts';
import type { TrustEvent } from './issue.js';
import type { TrustMonitor } from './monitor.js';

/** One sensor's readings over the range: times (epoch ms, ascending) and values, same length. */
export interface SensorSeries {
  sensor: string;
  times: Float64Array;
  values: Float64Array;
}

export interface BatchResult {
  /** Finished issues, in the order they finished (open ones are closed at the end of the range). */
  issues: TrustIssue[];
  /** Every event, health changes included, in order. */
  events: TrustEvent[];
}

/**
 * Feeds every reading to `monitor` in time order (readings of equal time in the order of `series`),
 * calling tick(t) once per distinct time so silent sensors raise DROPOUT as they would live, then
 * closes open issues unless `keepOpen` (to continue the same monitor with the next range).
 */
export function checkSeries(monitor: TrustMonitor, series: readonly SensorSeries[], options: { keepOpen?: boolean } = {}): BatchResult {
  const idx = series.map((s) => {
    if (s.times.length !== s.values.length) throw new Error(`${s.sensor}: ${s.times.length} times but ${s.values.length} values`);
    return monitor.indexOf(s.sensor);
  });
  const events: TrustEvent[] = [];
  const collect = (list: readonly TrustEvent[]): void => {
    for (let k = 0; k < list.length; k++) events.push(list[k]!);
  };
  const pos = new Int32Array(series.length);
  for (;;) {
    let t = Infinity;
    for (let j = 0; j < series.length; j++) {
      const s = series[j]!;
      if (pos[j]! < s.times.length && s.times[pos[j]!]! < t) t = s.times[pos[j]!]!;
    }
    if (t === Infinity) break;
    for (let j = 0; j < series.length; j++) {
      const s = series[j]!;
      while (pos[j]! < s.times.length && s.times[pos[j]!]! === t) {
        collect(monitor.push(idx[j]!, t, s.values[pos[j]!]!));
        pos[j]!++;
      }
    }
    collect(monitor.tick(t));
  }
  if (!options.keepOpen) collect(monitor.close());
  const issues = events.flatMap((e) => (e.type === 'finished' ? [e.issue] : []));
  return { issues, events };
}
