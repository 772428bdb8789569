// The last two steps every fallback chain shares: the use case's fallback rule, else an abstention that leaves the decision to the operator.
import type { Costs, InputRow, UnloggedPrediction } from '@shopfloor/contracts';
import { StoredMetrics } from '../../registry/index.js';
import type { ModelVersionRecord } from '../../store/index.js';
import { heldOutEventRate } from '../base-rate.js';
import { abstention, isBinary, ruleAnswer, type DegradedContext, type FallbackRule } from '../degraded-answer.js';

/** Why the rule cannot decide for these rows, or null when it can (pure). */
export function ruleUnusable(rule: FallbackRule | null, costs: Costs, eventRate: number | null, untrusted: readonly string[]): string | null {
  if (rule === null) return 'the use case has no fallback rule';
  const reads = rule.inputs.filter((i) => untrusted.includes(i));
  if (reads.length > 0) return `the fallback rule reads the untrusted ${reads.map((n) => `"${n}"`).join(', ')}`;
  if (!isBinary(costs)) return 'the fallback rule applies to binary use cases only';
  if (eventRate === null) return 'the champion records no event rate to price the rule at';
  return null;
}

/** The event rate the version's held-out metrics were priced at; null for other tasks or unreadable metrics. */
export function eventRateOf(record: ModelVersionRecord, costs: Costs): number | null {
  if (!isBinary(costs)) return null;
  const parsed = StoredMetrics.safeParse(record.metrics);
  return parsed.success ? heldOutEventRate(parsed.data.metrics, costs) : null;
}

/**
 * Every row answered by the rule when it can decide, else abstained on ("the operator decides").
 * `ctx.reasons` says what happened before this step; the reason code is the chain's trigger.
 */
export function ruleOrAbstain(costs: Costs, record: ModelVersionRecord, rule: FallbackRule | null, rows: readonly InputRow[], ctx: DegradedContext): UnloggedPrediction[] {
  const eventRate = eventRateOf(record, costs);
  const why = ruleUnusable(rule, costs, eventRate, ctx.untrusted);
  if (why === null && isBinary(costs)) return rows.map((row) => ruleAnswer(row, rule!, costs, eventRate!, ctx));
  const abstained: DegradedContext = { ...ctx, reasons: [...ctx.reasons, `${why}: no decision, the operator decides`] };
  return rows.map(() => abstention(abstained));
}
