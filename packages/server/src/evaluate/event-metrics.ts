// Predictive-maintenance event metrics: failures caught within a horizon, lead time, and false alarms per asset-day.
import { checkBinaryLabels, checkFiniteValues, checkPair, invalidMetricInput } from './check-input.js';
import { quantileSorted } from './percentile.js';

export const DAY_MS = 86_400_000;

/** One row per prediction, as a prediction table holds them (columns of equal length). */
export interface AssetPredictions {
  assets: ArrayLike<string>;
  /** Epoch milliseconds. */
  times: ArrayLike<number>;
  /** 1 = alarm, 0 = no alarm. */
  decisions: ArrayLike<number>;
}

export interface FailureEvent {
  asset: string;
  time: number;
}

export interface EventMetricOptions {
  /** H: an alarm counts for a failure when it is raised in [failure - H, failure). */
  horizonMs: number;
  /** After a failure, alarms within this long (the machine down or in repair) are neither true nor false. Default 0. */
  quietAfterFailureMs?: number;
  /** Asset-days to divide false alarms by; default the span from each asset's first to last prediction. */
  assetDays?: number;
}

export interface FailureOutcome {
  asset: string;
  time: number;
  caught: boolean;
  /** failure time - first alarm in its window, null when missed. */
  leadTimeMs: number | null;
}

export interface EventMetrics {
  failures: number;
  caught: number;
  /** caught / failures; NaN without failures. */
  caughtShare: number;
  /** Lead time of each caught failure, ascending, and its quantiles (NaN when nothing was caught). */
  leadTimesMs: number[];
  leadTime: { min: number; p25: number; median: number; p75: number; max: number };
  alarms: number;
  falseAlarms: number;
  /** Alarms inside a quiet period after a failure. */
  quietAlarms: number;
  assetDays: number;
  /** falseAlarms / assetDays; NaN when no time was observed. */
  falseAlarmsPerAssetDay: number;
  perFailure: FailureOutcome[];
}

/**
 * Each alarm belongs to the NEXT failure on its asset strictly after it, and is true when that failure
 * comes within H:
 *
 *   time ──────[ f1 - H ········ f1 )──────[ f2 - H ··· f2 )────▶
 *         a1        a2    a3       a4 a5     a6          a7
 *   a1: false (f1 more than H away)   a2, a3: catch f1, lead time f1 - a2
 *   a4 (at or after f1): belongs to f2; false here, since f2 is more than H away (or quiet, if
 *       within quietAfterFailureMs of f1)   a5 (f2 more than H away): false   a6: catches f2
 *   a7 (after the last failure): false
 *
 * Edge cases, chosen so every alarm is counted exactly once:
 * - an alarm at the failure time or after it never catches that failure (it is no warning);
 * - several failures on one asset: a failure's window is [max(f - H, previous failure), f), so an
 *   alarm before a repair never counts as warning of the next failure;
 * - a failure on an asset with no alarms, or outside the predicted period, is missed: pass the failures
 *   of the period evaluated;
 * - every alarm ROW counts: a model that alarms on ten consecutive predictions raised ten alarms.
 */
export function eventMetrics(predictions: AssetPredictions, failures: readonly FailureEvent[], options: EventMetricOptions): EventMetrics {
  checkEventInput(predictions, failures, options);
  const alarmsByAsset = new Map<string, number[]>();
  const span = new Map<string, [number, number]>();
  for (let i = 0; i < predictions.times.length; i++) {
    const asset = predictions.assets[i]!;
    const t = predictions.times[i]!;
    const s = span.get(asset);
    if (!s) span.set(asset, [t, t]);
    else span.set(asset, [Math.min(s[0], t), Math.max(s[1], t)]);
    if (predictions.decisions[i] === 1) pushTo(alarmsByAsset, asset, t);
  }
  const failuresByAsset = new Map<string, number[]>();
  for (const f of failures) pushTo(failuresByAsset, f.asset, f.time);
  const { firstAlarm, alarms, falseAlarms, quietAlarms } = classifyAlarms(alarmsByAsset, failuresByAsset, options.horizonMs, options.quietAfterFailureMs ?? 0);
  const perFailure = failures.map((f): FailureOutcome => {
    const t = firstAlarm.get(f.asset)?.get(f.time);
    return { asset: f.asset, time: f.time, caught: t !== undefined, leadTimeMs: t === undefined ? null : f.time - t };
  });
  const leadTimesMs = perFailure.flatMap((o) => (o.leadTimeMs === null ? [] : [o.leadTimeMs])).sort((a, b) => a - b);
  let observedMs = 0;
  for (const [start, end] of span.values()) observedMs += end - start;
  const assetDays = options.assetDays ?? observedMs / DAY_MS;
  return {
    failures: failures.length,
    caught: leadTimesMs.length,
    caughtShare: failures.length === 0 ? NaN : leadTimesMs.length / failures.length,
    leadTimesMs,
    leadTime: {
      min: quantileSorted(leadTimesMs, 0),
      p25: quantileSorted(leadTimesMs, 0.25),
      median: quantileSorted(leadTimesMs, 0.5),
      p75: quantileSorted(leadTimesMs, 0.75),
      max: quantileSorted(leadTimesMs, 1),
    },
    alarms,
    falseAlarms,
    quietAlarms,
    assetDays,
    falseAlarmsPerAssetDay: assetDays > 0 ? falseAlarms / assetDays : NaN,
    perFailure,
  };
}

/** Every alarm against the next failure on its asset (see eventMetrics); the first true alarm of each failure. */
function classifyAlarms(alarmsByAsset: Map<string, number[]>, failuresByAsset: Map<string, number[]>, horizonMs: number, quiet: number) {
  const firstAlarm = new Map<string, Map<number, number>>(); // asset -> failure time -> first true alarm
  let alarms = 0;
  let falseAlarms = 0;
  let quietAlarms = 0;
  for (const [asset, times] of alarmsByAsset) {
    times.sort((a, b) => a - b);
    const fs = (failuresByAsset.get(asset) ?? []).sort((a, b) => a - b);
    const first = new Map<number, number>();
    firstAlarm.set(asset, first);
    let next = 0; // index of the first failure strictly after the current alarm
    for (const t of times) {
      alarms++;
      while (next < fs.length && fs[next]! <= t) next++;
      const previous = next > 0 ? fs[next - 1]! : -Infinity;
      if (t < previous + quiet) quietAlarms++;
      else if (next < fs.length && fs[next]! - t <= horizonMs) {
        if (!first.has(fs[next]!)) first.set(fs[next]!, t);
      } else falseAlarms++;
    }
  }
  return { firstAlarm, alarms, falseAlarms, quietAlarms };
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function checkEventInput(predictions: AssetPredictions, failures: readonly FailureEvent[], options: EventMetricOptions): void {
  const { horizonMs, quietAfterFailureMs = 0, assetDays } = options;
  if (!(Number.isFinite(horizonMs) && horizonMs > 0)) throw invalidMetricInput('horizonMs', `is ${String(horizonMs)}, expected a positive number of milliseconds`);
  if (!(Number.isFinite(quietAfterFailureMs) && quietAfterFailureMs >= 0)) {
    throw invalidMetricInput('quietAfterFailureMs', `is ${String(quietAfterFailureMs)}, expected milliseconds >= 0`);
  }
  if (assetDays !== undefined && !(Number.isFinite(assetDays) && assetDays >= 0)) throw invalidMetricInput('assetDays', `is ${String(assetDays)}, expected days >= 0`);
  const { assets, times, decisions } = predictions;
  if (assets.length !== times.length) throw invalidMetricInput('times', `has ${times.length} entries but assets has ${assets.length}`);
  if (times.length > 0) {
    checkPair('times', times, 'decisions', decisions);
    checkFiniteValues('times', times);
    checkBinaryLabels('decisions', decisions);
  } else if (decisions.length !== 0) throw invalidMetricInput('decisions', `has ${decisions.length} entries but times has 0`);
  for (let i = 0; i < assets.length; i++) {
    if (typeof assets[i] !== 'string') throw invalidMetricInput('assets', `row ${i} is ${String(assets[i])}, expected an asset name`, { row: i });
  }
  const seen = new Set<string>();
  failures.forEach((f, i) => {
    if (typeof f.asset !== 'string') throw invalidMetricInput('failures', `entry ${i} has asset ${String(f.asset)}, expected an asset name`, { row: i });
    if (!Number.isFinite(f.time)) throw invalidMetricInput('failures', `entry ${i} has time ${String(f.time)}, expected epoch milliseconds`, { row: i });
    const key = `${f.asset}\u0000${f.time}`;
    if (seen.has(key)) throw invalidMetricInput('failures', `entry ${i} repeats the failure of ${f.asset} at ${f.time}`, { row: i });
    seen.add(key);
  });
}
