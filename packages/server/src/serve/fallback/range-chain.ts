// The chain for a row outside what the model was trained on, or answered without confidence: the fallback rule, else abstain (the operator decides).
import type { Costs, DecisionRule, InputRow, ServingPolicyFields, UnloggedPrediction } from '@shopfloor/contracts';
import type { ModelVersionRecord } from '../../store/index.js';
import type { FallbackRule } from '../degraded-answer.js';
import type { CompiledFeature } from '../row-reader.js';
import { ruleOrAbstain } from './rule-step.js';

/**
 * Numeric inputs of the row outside the training range the use case recorded, in words (pure). A
 * missing reading (null) is not out of range: the trees learned a branch for it.
 */
export function outOfRangeInputs(features: readonly CompiledFeature[], row: InputRow): string[] {
  const out: string[] = [];
  for (const f of features) {
    const v = row[f.name];
    if (f.kind !== 'numeric' || typeof v !== 'number') continue;
    if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) {
      const unit = f.unit === undefined ? '' : ` ${f.unit}`;
      out.push(`"${f.name}" = ${v}${unit} is outside the training range ${f.min ?? '-inf'} to ${f.max ?? 'inf'}${unit}: the model has not seen such values`);
    }
  }
  return out;
}

const EPS = 1e-9;
function logit(p: number): number {
  const q = Math.min(Math.max(p, EPS), 1 - EPS);
  return Math.log(q / (1 - q));
}

/** |logit(score) - logit(threshold)|, both clamped to [1e-9, 1 - 1e-9] (contracts' ServingPolicyFields.lowConfidenceBand). */
export function logOddsDistance(score: number, threshold: number): number {
  return Math.abs(logit(score) - logit(threshold));
}

export interface RowTrigger {
  code: 'OUT_OF_RANGE' | 'LOW_CONFIDENCE';
  reasons: string[];
}

/** Whether the policy sends this champion answer down the chain, and why (pure). Out of range is checked first. */
export function rowTrigger(row: InputRow, score: number | null, features: readonly CompiledFeature[], decisionRule: DecisionRule, policy: ServingPolicyFields): RowTrigger | null {
  if (policy.outOfRange === 'fallback') {
    const outside = outOfRangeInputs(features, row);
    if (outside.length > 0) return { code: 'OUT_OF_RANGE', reasons: outside };
  }
  const band = policy.lowConfidenceBand;
  if (band !== null && decisionRule.kind === 'binary' && score !== null) {
    const distance = logOddsDistance(score, decisionRule.threshold);
    if (distance <= band) {
      return {
        code: 'LOW_CONFIDENCE',
        reasons: [`the model's score ${score.toFixed(4)} is within the low-confidence band of its threshold ${decisionRule.threshold.toFixed(4)} (log-odds apart ${distance.toFixed(3)} <= ${band}): its answer was not used`],
      };
    }
  }
  return null;
}

export interface RangeChainContext {
  costs: Costs;
  championId: string;
  features: readonly CompiledFeature[];
  decisionRule: DecisionRule;
  policy: ServingPolicyFields;
  /** Read only when a row takes the chain. */
  championRecord(): Promise<ModelVersionRecord>;
  fallbackRule(): Promise<FallbackRule | null>;
}

/**
 * Replaces the champion's answer of every row the policy sends down the chain by the rule's (or an
 * abstention). Rows a deployment variant answered are left as they are: their answers are the
 * experiment's evidence, and the variant's own threshold is not the champion's.
 */
export async function rangeChainPredictions(rows: readonly InputRow[], answers: UnloggedPrediction[], ctx: RangeChainContext): Promise<UnloggedPrediction[]> {
  const triggers = answers.map((a, i) => (a.path === 'champion' && a.model.id === ctx.championId ? rowTrigger(rows[i]!, a.score, ctx.features, ctx.decisionRule, ctx.policy) : null));
  if (triggers.every((t) => t === null)) return answers;
  const [record, rule] = await Promise.all([ctx.championRecord(), ctx.fallbackRule()]);
  return answers.map((a, i) => {
    const trigger = triggers[i];
    if (trigger === null || trigger === undefined) return a;
    const context = { model: a.model, untrusted: a.untrustedSensors, reasonCode: trigger.code, reasons: trigger.reasons };
    return ruleOrAbstain(ctx.costs, record, rule, [rows[i]!], context)[0]!;
  });
}
