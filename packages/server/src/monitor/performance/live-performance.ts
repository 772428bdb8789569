// Live performance once outcomes arrive: the evaluate stage's metrics and the decide stage's costs on the labelled predictions of a window.
import type { Costs, InputRow, PerformanceReport, Prediction, Task } from '@shopfloor/contracts';
import { baselineCostPer1000, rowCosts } from '../../decide/index.js';
import { accuracy, mae, rmse, rocAuc } from '../../evaluate/index.js';

/** One answered prediction and its latest true outcome. */
export interface Outcome {
  output: Prediction;
  outcome: InputRow[string];
}

export interface PerformanceContext {
  task: Task;
  costs: Costs;
  /** Class labels of a classification target, negative first for binary. */
  classes: readonly string[] | undefined;
}

type Metrics = PerformanceReport['metrics'];

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

/**
 * Encodes labels and decisions as the cost tables read them (decide/row-costs): binary 0/1 (act), class
 * index in the cost matrix order for multiclass, the true value and act 0/1 for regression. Rows without
 * a decision (abstentions) or whose outcome is not a class of the use case are left out.
 */
export function encodeOutcomes(ctx: PerformanceContext, rows: readonly Outcome[]): { labels: Float64Array; decisions: Float64Array; scores: Float64Array; kept: Outcome[] } {
  const labels: number[] = [];
  const decisions: number[] = [];
  const scores: number[] = [];
  const kept: Outcome[] = [];
  const classes = ctx.costs.kind === 'multiclass' ? ctx.costs.classes : (ctx.classes ?? []);
  // As feedback reads outcomes: the class itself, or 0/1 for the "false"/"true" classes of a boolean target.
  const classIndex = (text: string) => {
    const exact = classes.indexOf(text);
    return exact >= 0 || BOOLEAN_TEXT[text] === undefined ? exact : classes.findIndex((c) => BOOLEAN_TEXT[c] === BOOLEAN_TEXT[text]);
  };
  for (const row of rows) {
    const decision = row.output.decision;
    if (decision === null || row.outcome === null) continue;
    let label: number;
    let decided: number;
    if (ctx.task === 'regression') {
      label = typeof row.outcome === 'number' ? row.outcome : Number(row.outcome);
      decided = decision.act ? 1 : 0;
      if (!Number.isFinite(label)) continue;
    } else {
      label = classIndex(String(row.outcome));
      decided = ctx.task === 'binary' ? (decision.act ? 1 : 0) : classIndex(decision.label);
      if (label < 0 || decided < 0) continue;
    }
    labels.push(label);
    decisions.push(decided);
    scores.push(row.output.score ?? Number.NaN);
    kept.push(row);
  }
  return { labels: Float64Array.from(labels), decisions: Float64Array.from(decisions), scores: Float64Array.from(scores), kept };
}

function withScores(labels: Float64Array, scores: Float64Array): { labels: Float64Array; scores: Float64Array } {
  const keep: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i]!)) keep.push(i);
  return { labels: Float64Array.from(keep, (i) => labels[i]!), scores: Float64Array.from(keep, (i) => scores[i]!) };
}

export function liveMetrics(ctx: PerformanceContext, rows: readonly Outcome[]): Metrics & { labelled: number } {
  const { labels, decisions, scores } = encodeOutcomes(ctx, rows);
  const empty: Metrics = { auc: null, accuracy: null, rmse: null, mae: null, costPer1000: null, noModelCostPer1000: null };
  if (labels.length === 0) return { ...empty, labelled: 0 };
  const costs = rowCosts(decisions, labels, ctx.costs);
  let total = 0;
  for (const c of costs) total += c;
  const out: Metrics = { ...empty, costPer1000: (1000 * total) / labels.length, noModelCostPer1000: finite(baselineCostPer1000(labels, ctx.costs).costPer1000) };
  const scored = withScores(labels, scores);
  if (ctx.task === 'binary') {
    out.auc = scored.labels.length === 0 ? null : finite(rocAuc(scored.labels, scored.scores));
    out.accuracy = accuracy(labels, decisions);
  } else if (ctx.task === 'multiclass') {
    out.accuracy = accuracy(labels, decisions);
  } else if (scored.labels.length > 0) {
    out.rmse = rmse(scored.labels, scored.scores);
    out.mae = mae(scored.labels, scored.scores);
  }
  return { ...out, labelled: labels.length };
}
