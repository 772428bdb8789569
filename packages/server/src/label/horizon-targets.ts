// The training option "positive within H before a failure starts": binary targets for rows (asset, time) from labels.
import { indexLabels, lookUp, toEpochMs, type DuringSpan, type Instant, type LabelSpan } from './label-index.js';

/** The rows to label, by position: row r is (assets[r], times[r]). A typed table's entity text and timestamp values fit. */
export interface TargetRows {
  assets: ArrayLike<string | null>;
  /** Epoch ms (a timestamp column's values); NaN = missing. */
  times: ArrayLike<number>;
}

export interface HorizonTargetOptions {
  /** The label classes whose start is the event to predict, e.g. ['failure'] or every failure mode. */
  classes: readonly string[];
  /** H, in milliseconds: a row is positive when such a label starts within H after its time. */
  horizonMs: number;
  /**
   * Rows inside a span of these classes (start <= time < end), where the asset is already down:
   *   'exclude'  (default) NaN: left out of training, since what a model sees there is the failure, not its warning
   *   'positive' 1: for a "is it failing now" model
   *   'keep'     the horizon rule alone decides, as if the span were an event
   */
  duringSpan?: DuringSpan | undefined;
  /**
   * Labels are complete up to this time. A row not found positive whose horizon reaches past it gets NaN:
   * a failure there may simply not be labelled yet. Default: labels are complete (no row is censored).
   */
  labelledUntil?: Instant | undefined;
}

export interface HorizonTargetCounts {
  positive: number;
  negative: number;
  /** Rows inside a span, left out (duringSpan 'exclude'). */
  duringSpan: number;
  /** Rows whose horizon reaches past labelledUntil with no positive label. */
  censored: number;
  /** Rows without an asset or a time. */
  missing: number;
}

export interface HorizonTargets {
  /** One per row, in learn's binary convention: 1 positive, 0 negative, NaN left out (missing target). */
  targets: Float64Array;
  counts: HorizonTargetCounts;
}

function checkOptions(options: HorizonTargetOptions): { labelledUntil: number } {
  if (!Number.isFinite(options.horizonMs) || options.horizonMs < 0) {
    throw new RangeError(`horizonTargets: horizonMs must be a finite number of milliseconds >= 0, got ${options.horizonMs}`);
  }
  const labelledUntil = options.labelledUntil === undefined ? Infinity : toEpochMs(options.labelledUntil);
  if (Number.isNaN(labelledUntil)) throw new RangeError(`horizonTargets: labelledUntil "${String(options.labelledUntil)}" is not a time`);
  return { labelledUntil };
}

/**
 * Binary targets for "a label of `classes` starts within H after this row" (the horizon-before-failure
 * target), per asset. Retracted labels and labels of other classes or other assets are ignored. Pure.
 *
 * From learn/, with the use case's entity and time columns of a typed table:
 *   const assetText = classTextOf(entityColumn);
 *   const { targets } = horizonTargets(
 *     { assets: Array.from({ length: table.rows }, (_, r) => assetText(r)), times: timeColumn.values },
 *     await store.labels.list({ useCaseId }), { classes: ['failure'], horizonMs: 24 * 3600_000 });
 * and use `targets` where encodeLabels' output goes (binary: 0 = no such label within H, 1 = one starts within H).
 */
export function horizonTargets(rows: TargetRows, labels: readonly LabelSpan[], options: HorizonTargetOptions): HorizonTargets {
  const { labelledUntil } = checkOptions(options);
  const n = rows.times.length;
  if (rows.assets.length !== n) throw new RangeError(`horizonTargets: ${rows.assets.length} assets but ${n} times`);
  const index = indexLabels(labels, options.classes);
  const duringSpan = options.duringSpan ?? 'exclude';
  const targets = new Float64Array(n);
  const counts: HorizonTargetCounts = { positive: 0, negative: 0, duringSpan: 0, censored: 0, missing: 0 };
  for (let r = 0; r < n; r++) {
    const asset = rows.assets[r];
    const t = rows.times[r]!;
    if (asset === null || asset === undefined || !Number.isFinite(t)) {
      targets[r] = Number.NaN;
      counts.missing++;
      continue;
    }
    const found = lookUp(index, asset, t, options.horizonMs, duringSpan);
    if (found.kind === 'during-span') {
      targets[r] = Number.NaN;
      counts.duringSpan++;
    } else if (found.kind === 'positive') {
      targets[r] = 1;
      counts.positive++;
    } else if (t + options.horizonMs > labelledUntil) {
      targets[r] = Number.NaN;
      counts.censored++;
    } else {
      targets[r] = 0;
      counts.negative++;
    }
  }
  return { targets, counts };
}
