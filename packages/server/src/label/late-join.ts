// Late labels meet served predictions: each prediction's outcome within its horizon, once the labels know it.
import { indexLabels, lookUp, toEpochMs, type DuringSpan, type Instant, type LabelSpan } from './label-index.js';

/** What the join reads of a served prediction; anything else on it is carried through untouched. */
export interface ServedPrediction {
  id: string;
  asset: string;
  /** When the prediction was made (ISO 8601 or epoch ms). */
  time: Instant;
  score?: number | undefined;
  /** Whether the decision raised the alarm (acted); gives the verdict when the outcome is known. */
  alarm?: boolean | undefined;
}

export interface LateJoinOptions {
  /** The label classes the use case predicts, e.g. ['failure']. */
  classes: readonly string[];
  /** The prediction's horizon H in milliseconds: it is about a label starting within [time, time + H]. */
  horizonMs: number;
  /** The time of the join: a negative is known only once the horizon (plus settleMs) has passed by then. */
  now: Instant;
  /**
   * How long after the horizon labels may still arrive (work orders are typed in days later); a
   * prediction with no label stays pending until time + H + settleMs. Default 0.
   */
  settleMs?: number | undefined;
  /** Predictions made while the asset was inside a failure span: 'exclude' (default), 'positive' or 'keep', as for training. */
  duringSpan?: DuringSpan | undefined;
}

export type LabelOutcome =
  /** A label starts within the horizon (known as soon as the label is). leadTimeMs = its start - the prediction's time. */
  | { status: 'positive'; labelId: string | null; eventStart: string; leadTimeMs: number }
  /** No label within the horizon, and the horizon plus settleMs has passed. */
  | { status: 'negative'; knownAt: string }
  /** No label yet, and the horizon has not passed: ask again after knownAt. */
  | { status: 'pending'; knownAt: string }
  /** Made while the asset was inside a failure span (duringSpan 'exclude'): not a forecast to score. */
  | { status: 'excluded'; reason: 'during-span' };

/** Named as the binary cost table names the outcomes, so a known verdict can be priced. */
export type Verdict = 'true-alarm' | 'false-alarm' | 'miss' | 'quiet';

export interface JoinedPrediction<P extends ServedPrediction> {
  prediction: P;
  outcome: LabelOutcome;
  /** Null until the outcome is positive or negative, or when the prediction carries no `alarm`. */
  verdict: Verdict | null;
}

function verdictOf(alarm: boolean | undefined, outcome: LabelOutcome): Verdict | null {
  if (alarm === undefined || (outcome.status !== 'positive' && outcome.status !== 'negative')) return null;
  if (outcome.status === 'positive') return alarm ? 'true-alarm' : 'miss';
  return alarm ? 'false-alarm' : 'quiet';
}

function checkOptions(options: LateJoinOptions): { now: number; settleMs: number } {
  const settleMs = options.settleMs ?? 0;
  for (const [name, value] of [['horizonMs', options.horizonMs], ['settleMs', settleMs]] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`joinLateLabels: ${name} must be a finite number of milliseconds >= 0, got ${value}`);
  }
  const now = toEpochMs(options.now);
  if (Number.isNaN(now)) throw new RangeError(`joinLateLabels: now "${String(options.now)}" is not a time`);
  return { now, settleMs };
}

/**
 * Attaches to each prediction what the labels say about its horizon, by asset and time. Retracted
 * labels and labels of other classes are ignored, so re-running the join after a correction gives the
 * corrected outcome. Pure: `now` is the caller's clock. Output order = input order.
 */
export function joinLateLabels<P extends ServedPrediction>(
  predictions: readonly P[],
  labels: readonly LabelSpan[],
  options: LateJoinOptions,
): JoinedPrediction<P>[] {
  const { now, settleMs } = checkOptions(options);
  const index = indexLabels(labels, options.classes);
  const duringSpan = options.duringSpan ?? 'exclude';
  return predictions.map((prediction) => {
    const t = toEpochMs(prediction.time);
    if (!Number.isFinite(t)) throw new RangeError(`prediction ${prediction.id} has time "${String(prediction.time)}", which is not a time`);
    const found = lookUp(index, prediction.asset, t, options.horizonMs, duringSpan);
    let outcome: LabelOutcome;
    if (found.kind === 'during-span') outcome = { status: 'excluded', reason: 'during-span' };
    else if (found.kind === 'positive') {
      outcome = { status: 'positive', labelId: found.labelId, eventStart: new Date(found.start).toISOString(), leadTimeMs: found.start - t };
    } else {
      const knownAt = t + options.horizonMs + settleMs;
      outcome = { status: now >= knownAt ? 'negative' : 'pending', knownAt: new Date(knownAt).toISOString() };
    }
    return { prediction, outcome, verdict: verdictOf(prediction.alarm, outcome) };
  });
}
