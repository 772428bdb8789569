// Answers without a model: the use case's fallback rule (decision only) or an abstention, never reading an untrusted input.
import type { BinaryCosts, Costs, Decision, InputRow, Prediction, ReasonCode, UnloggedPrediction } from '@shopfloor/contracts';
import { decideBinary } from '../decide/index.js';

/** The fallback rule as serving needs it (use-cases/'s CompiledRule): true = act. */
export interface FallbackRule {
  text: string;
  inputs: string[];
  evaluate(row: InputRow): boolean;
}

export interface DegradedContext {
  model: Prediction['model'];
  untrusted: readonly string[];
  /** What the path before this one lacked (the reason this path answers). */
  reasonCode: ReasonCode;
  reasons: readonly string[];
}

/** The row with every untrusted input blanked: whatever the plant sent for it cannot reach a decision. */
export function withoutUntrusted(row: InputRow, untrusted: readonly string[]): InputRow {
  const clean: InputRow = { ...row };
  for (const name of untrusted) if (Object.hasOwn(clean, name)) clean[name] = null;
  return clean;
}

/**
 * The rule decides act / no act; its expected cost is priced at the event rate the version's no-model
 * baseline was measured at (the rule gives no probability of its own). Binary use cases only.
 */
export function ruleAnswer(row: InputRow, rule: FallbackRule, costs: BinaryCosts, eventRate: number, ctx: DegradedContext): UnloggedPrediction {
  const act = rule.evaluate(withoutUntrusted(row, ctx.untrusted));
  const decision: Decision = decideBinary(eventRate, act ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY, costs);
  return {
    score: null,
    decision,
    model: ctx.model,
    path: 'rule',
    degraded: true,
    untrustedSensors: [...ctx.untrusted],
    reasonCode: ctx.reasonCode,
    reasons: [...ctx.reasons, `decided by the fallback rule "${rule.text}"; expected cost priced at the held-out event rate ${eventRate.toFixed(4)}`],
  };
}

/** No decision: the operator decides. decision null, score null. */
export function abstention(ctx: DegradedContext): UnloggedPrediction {
  return { score: null, decision: null, model: ctx.model, path: 'abstain', degraded: true, untrustedSensors: [...ctx.untrusted], reasonCode: ctx.reasonCode, reasons: [...ctx.reasons] };
}

export function isBinary(costs: Costs): costs is BinaryCosts {
  return costs.kind === 'binary';
}
