// Standing labels of the target classes, indexed per asset by time: what targets and late joins look up.
import type { Label } from '@shopfloor/contracts';

/** What the pure functions read of a label: the contract's Label fits, and so does a hand-made one in a test. */
export type LabelSpan = Pick<Label, 'asset' | 'start' | 'end' | 'class'> & { id?: string; retracted?: boolean };

/** A time as the store writes it (ISO 8601) or as a typed table holds it (epoch ms). */
export type Instant = string | number | Date;

/** Epoch ms of an instant; NaN when it cannot be read. */
export function toEpochMs(at: Instant): number {
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  return Date.parse(at);
}

/**
 * Rows where a failure is about to happen are the ones the horizon rule marks; rows where the asset
 * is already down (inside a span) are a separate question, answered by the caller's `duringSpan`.
 */
export type DuringSpan = 'exclude' | 'positive' | 'keep';

/**
 * One asset's labels, each array sorted by start:
 *   starts[k], ids[k]      start (epoch ms) of every span and event, for "does one start in [t, t + H]"
 *   spanStarts[k]          start of every span (events have no inside)
 *   spanReach[k]           max end over spanStarts[0..k]: t is inside some span iff, for the last k with
 *                          spanStarts[k] <= t, spanReach[k] > t (spans are [start, end), overlaps allowed)
 *   reachOwner[k]          the span (index into spanStarts/spanIds) whose end is spanReach[k]
 */
interface AssetLabels {
  starts: Float64Array;
  ids: (string | null)[];
  spanStarts: Float64Array;
  spanIds: (string | null)[];
  spanReach: Float64Array;
  reachOwner: Int32Array;
}

export interface LabelIndex {
  classes: ReadonlySet<string>;
  assets: ReadonlyMap<string, AssetLabels>;
}

function requireTime(label: LabelSpan, field: 'start' | 'end', at: string): number {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) {
    throw new RangeError(`label ${label.id ?? `on ${label.asset}`} has ${field} "${at}", which is not a time`);
  }
  return ms;
}

function buildAsset(labels: readonly LabelSpan[]): AssetLabels {
  const timed = labels
    .map((l) => ({ id: l.id ?? null, start: requireTime(l, 'start', l.start), end: l.end === null ? null : requireTime(l, 'end', l.end) }))
    .sort((a, b) => a.start - b.start);
  const spans = timed.filter((l) => l.end !== null);
  const spanReach = new Float64Array(spans.length);
  const reachOwner = new Int32Array(spans.length);
  let owner = -1;
  spans.forEach((s, k) => {
    if (owner < 0 || s.end! > spans[owner]!.end!) owner = k;
    spanReach[k] = spans[owner]!.end!;
    reachOwner[k] = owner;
  });
  return {
    starts: Float64Array.from(timed, (l) => l.start),
    ids: timed.map((l) => l.id),
    spanStarts: Float64Array.from(spans, (s) => s.start),
    spanIds: spans.map((s) => s.id),
    spanReach,
    reachOwner,
  };
}

/** Indexes the standing (not retracted) labels whose class is one of `classes`; other labels are ignored. */
export function indexLabels(labels: readonly LabelSpan[], classes: readonly string[]): LabelIndex {
  if (classes.length === 0) throw new RangeError('indexLabels: name at least one label class to look for');
  const wanted = new Set(classes);
  const byAsset = new Map<string, LabelSpan[]>();
  for (const label of labels) {
    if (label.retracted === true || !wanted.has(label.class)) continue;
    const list = byAsset.get(label.asset);
    if (list === undefined) byAsset.set(label.asset, [label]);
    else list.push(label);
  }
  const assets = new Map<string, AssetLabels>();
  for (const [asset, list] of byAsset) assets.set(asset, buildAsset(list));
  return { classes: wanted, assets };
}

/** Index of the first element >= t in an ascending array (its length when none is). */
function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > t in an ascending array. */
function upperBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the labels say about one asset at time t with horizon H. */
export type Lookup =
  | { kind: 'during-span' }
  | { kind: 'positive'; start: number; labelId: string | null }
  | { kind: 'none' };

/*
 * The rule, on one asset's time line (H = horizonMs):
 *
 *        t                t + H
 *   -----[================]-------->    positive iff some label starts in [t, t + H] (both ends included)
 *   ==span==)                           t inside [start, end) of a span: `duringSpan` decides first
 */
export function lookUp(index: LabelIndex, asset: string, t: number, horizonMs: number, duringSpan: DuringSpan): Lookup {
  const labels = index.assets.get(asset);
  if (labels === undefined) return { kind: 'none' };
  if (duringSpan !== 'keep') {
    const k = upperBound(labels.spanStarts, t) - 1;
    if (k >= 0 && labels.spanReach[k]! > t) {
      if (duringSpan === 'exclude') return { kind: 'during-span' };
      const owner = labels.reachOwner[k]!;
      return { kind: 'positive', start: labels.spanStarts[owner]!, labelId: labels.spanIds[owner] ?? null };
    }
  }
  const k = lowerBound(labels.starts, t);
  if (k < labels.starts.length && labels.starts[k]! <= t + horizonMs) {
    return { kind: 'positive', start: labels.starts[k]!, labelId: labels.ids[k] ?? null };
  }
  return { kind: 'none' };
}
