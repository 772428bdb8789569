// The verdict on a shadow or challenger over a window: agreement, decision flips, latency, and (once labelled) metric and realised cost.
import type { Costs, DeploymentVerdict, InputRow } from '@shopfloor/contracts';
import { rowCosts, isPast } from '../../decide/index.js';

/** One side's answer to a logged row. */
export interface Side {
  decision: string | null;
  act: boolean | null;
  score: number | null;
  latencyMs: number;
}

/** A logged row seen by both: the champion's and the candidate's answers (either may be missing), and its outcome once known. */
export interface VerdictRow {
  predictionId: string;
  entity: string | null;
  at: string;
  champion: Side | null;
  candidate: Side | null;
  candidateError: string | null;
  outcome: InputRow[string] | null;
}

export interface VerdictInput {
  useCaseId: string;
  model: { id: string; version: number };
  champion: { id: string; version: number };
  from: string;
  to: string;
  costs: Costs;
  /** Class labels of a multiclass use case, in the model's order. */
  classes: readonly string[] | undefined;
  rows: readonly VerdictRow[];
}

/** Labelled rows needed before cost and metric can carry a recommendation. */
export const MIN_LABELLED = 30;
/** Compared rows needed before agreement alone can say anything. */
export const MIN_COMPARED = 100;
const MAX_EXAMPLES = 5;
const POSITIVE_WORDS = new Set(['1', 'true', 'yes', 'y', 'failure', 'fail', 'event']);

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

function latency(values: number[]) {
  return { n: values.length, p50Ms: quantile(values, 0.5), p99Ms: quantile(values, 0.99) };
}

/** The outcome as the cost table's label index (binary 0/1, multiclass class index, regression the value), or null when it cannot be read. */
function outcomeLabel(outcome: InputRow[string], costs: Costs, classes: readonly string[] | undefined): number | null {
  if (outcome === null) return null;
  if (costs.kind === 'regression') return typeof outcome === 'number' ? outcome : Number.isFinite(Number(outcome)) ? Number(outcome) : null;
  if (costs.kind === 'binary') {
    const text = String(outcome).trim().toLowerCase();
    if (costs.positiveLabel !== undefined) return text === costs.positiveLabel.toLowerCase() ? 1 : 0;
    return POSITIVE_WORDS.has(text) ? 1 : 0;
  }
  const k = (classes ?? costs.classes).indexOf(String(outcome));
  return k < 0 ? null : k;
}

/** The decision as the cost table's decision index. */
function decisionIndex(side: Side, costs: Costs, classes: readonly string[] | undefined): number | null {
  if (costs.kind === 'multiclass') {
    const k = (classes ?? costs.classes).indexOf(side.decision ?? '');
    return k < 0 ? null : k;
  }
  return side.act === null ? null : side.act ? 1 : 0;
}

/** Decision accuracy and realised cost of both sides on the rows with a known outcome; null when none has one. */
export function labelled(input: Pick<VerdictInput, 'costs' | 'classes' | 'rows'>): DeploymentVerdict['labelled'] {
  const { costs, classes } = input;
  const champD: number[] = [];
  const candD: number[] = [];
  const labels: number[] = [];
  let champRight = 0;
  let candRight = 0;
  for (const r of input.rows) {
    if (r.champion === null || r.candidate === null || r.outcome === null) continue;
    const y = outcomeLabel(r.outcome, costs, classes);
    const a = decisionIndex(r.champion, costs, classes);
    const b = decisionIndex(r.candidate, costs, classes);
    if (y === null || a === null || b === null) continue;
    champD.push(a);
    candD.push(b);
    labels.push(y);
    // Right decision: acted exactly when it was needed (binary, regression), or chose the true class.
    const needed = costs.kind === 'regression' ? (isPast(y, costs.actionThreshold, costs.actWhen) ? 1 : 0) : y;
    if (a === needed) champRight++;
    if (b === needed) candRight++;
  }
  if (labels.length === 0) return null;
  const sum = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0);
  return {
    n: labels.length,
    metric: 'decision_accuracy',
    champion: champRight / labels.length,
    candidate: candRight / labels.length,
    championCost: sum(rowCosts(champD, labels, costs)),
    candidateCost: sum(rowCosts(candD, labels, costs)),
    currency: costs.currency,
  };
}

function recommend(v: Omit<DeploymentVerdict, 'recommendation' | 'evidence'>, attempted: number): Pick<DeploymentVerdict, 'recommendation' | 'evidence'> {
  const evidence: string[] = [];
  const errorRate = attempted === 0 ? 0 : v.candidateErrors / attempted;
  if (v.agreement !== null) evidence.push(`agrees with the champion on ${(100 * v.agreement).toFixed(1)}% of ${v.compared} rows; ${v.flips.toAct} would act where the champion did not, ${v.flips.toHold} would not act where it did`);
  else evidence.push('no row was scored by both the champion and the candidate in this window');
  if (v.candidateErrors > 0) evidence.push(`failed on ${v.candidateErrors} of ${attempted} rows (${(100 * errorRate).toFixed(1)}%)`);
  const cp = v.latency.candidate.p99Ms;
  const hp = v.latency.champion.p99Ms;
  if (cp !== null && hp !== null) evidence.push(`latency p99 ${cp.toFixed(2)} ms against the champion's ${hp.toFixed(2)} ms`);
  const l = v.labelled;
  if (errorRate > 0.01) return { recommendation: 'roll-back', evidence: [...evidence, 'more than 1% of its calls failed'] };
  if (l === null || l.n < MIN_LABELLED) {
    evidence.push(`${l?.n ?? 0} labelled rows; ${MIN_LABELLED} are needed before cost can decide`);
    return { recommendation: 'keep', evidence };
  }
  const diff = l.candidateCost - l.championCost;
  evidence.push(`on ${l.n} labelled rows its decisions cost ${l.candidateCost.toFixed(0)} ${l.currency} against the champion's ${l.championCost.toFixed(0)} ${l.currency}; decision accuracy ${l.candidate!.toFixed(3)} against ${l.champion!.toFixed(3)}`);
  if (diff < 0 && l.candidate! >= l.champion! - 0.01) return { recommendation: 'promote', evidence };
  if (diff > 0) return { recommendation: 'roll-back', evidence: [...evidence, `it would have cost ${diff.toFixed(0)} ${l.currency} more`] };
  return { recommendation: 'keep', evidence: [...evidence, 'no clear gain over the champion'] };
}

export function verdict(input: VerdictInput): DeploymentVerdict {
  const both = input.rows.filter((r) => r.champion?.decision != null && r.candidate?.decision != null);
  const agree = both.filter((r) => r.champion!.decision === r.candidate!.decision).length;
  const toAct = both.filter((r) => r.champion!.act === false && r.candidate!.act === true);
  const toHold = both.filter((r) => r.champion!.act === true && r.candidate!.act === false);
  const flipsShown = [...toAct.slice(0, MAX_EXAMPLES), ...toHold.slice(0, MAX_EXAMPLES), ...both.filter((r) => r.champion!.decision !== r.candidate!.decision && r.champion!.act === r.candidate!.act).slice(0, MAX_EXAMPLES)];
  const attempted = input.rows.filter((r) => r.candidate !== null || r.candidateError !== null).length;
  const base = {
    useCaseId: input.useCaseId,
    model: input.model,
    champion: input.champion,
    from: input.from,
    to: input.to,
    compared: both.length,
    candidateErrors: input.rows.filter((r) => r.candidateError !== null).length,
    agreement: both.length === 0 ? null : agree / both.length,
    flips: {
      toAct: toAct.length,
      toHold: toHold.length,
      examples: flipsShown.map((r) => ({ predictionId: r.predictionId, entity: r.entity, at: r.at, champion: r.champion!.decision!, candidate: r.candidate!.decision! })),
    },
    latency: {
      champion: latency(input.rows.flatMap((r) => (r.champion === null ? [] : [r.champion.latencyMs]))),
      candidate: latency(input.rows.flatMap((r) => (r.candidate === null ? [] : [r.candidate.latencyMs]))),
    },
    labelled: labelled(input),
  };
  return { ...base, ...recommend(base, attempted) };
}
