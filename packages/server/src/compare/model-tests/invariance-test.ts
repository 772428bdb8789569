// Invariance: setting one input to each of several values must never change any row's decision.
import type { ModelTestSpec } from '@shopfloor/contracts';
import { MAX_EXAMPLES, type Outcome, type TestContext } from './context.js';
import { predictRows, withInput } from './scoring.js';
import { inputOf, invarianceValues } from './test-values.js';

type InvarianceSpec = Extract<ModelTestSpec, { kind: 'invariance' }>;

/**
 * For every value v, each row is scored with the input set to v and its decision compared with the
 * row's own decision (input as recorded). measured = rows whose decision changes for at least one v;
 * an example shows the first value that changes it.
 */
export function runInvarianceTest(ctx: TestContext, spec: InvarianceSpec): Outcome {
  const values = invarianceValues(inputOf(ctx.useCase, spec.input), spec);
  const base = predictRows(ctx.predictor, ctx.rows);
  const flipped = new Map<number, Record<string, unknown>>();
  for (const value of values) {
    const changed = predictRows(ctx.predictor, withInput(ctx.rows, spec.input, value));
    changed.forEach((p, i) => {
      if (flipped.has(i) || p.decision.label === base[i]!.decision.label) return;
      flipped.set(i, {
        setRow: ctx.setRows[i]!,
        input: spec.input,
        recorded: ctx.rows[i]![spec.input] ?? null,
        setTo: value,
        decision: base[i]!.decision.label,
        decisionAfter: p.decision.label,
        score: base[i]!.score,
        scoreAfter: p.score,
        row: ctx.rows[i]!,
      });
    });
  }
  const flips = flipped.size;
  const passed = flips <= spec.maxFlips;
  const examples = [...flipped.entries()].sort((a, b) => a[0] - b[0]).slice(0, MAX_EXAMPLES).map(([, e]) => e);
  const over = `"${spec.input}" over ${values.length} values (${values.slice(0, 10).map((v) => JSON.stringify(v)).join(', ')}${values.length > 10 ? ', ...' : ''})`;
  return {
    passed,
    measured: flips,
    threshold: spec.maxFlips,
    comparison: '<=',
    message: `${flips} of ${ctx.rows.length} rows change their decision when ${over} is set; at most ${spec.maxFlips} may`,
    examples,
  };
}
