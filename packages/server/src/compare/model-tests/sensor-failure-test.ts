// Sensor-failure bound: with one input knocked out (missing, or stuck at a constant), few decisions may change.
import type { ModelTestSpec } from '@shopfloor/contracts';
import { MAX_EXAMPLES, type Outcome, type TestContext } from './context.js';
import { predictRows, withInput } from './scoring.js';
import { checkValue, inputOf } from './test-values.js';

type SensorFailureSpec = Extract<ModelTestSpec, { kind: 'sensor-failure' }>;

/**
 * Two failure modes for now: the reading goes missing (null, the trees' missing branch) or sticks
 * at one value. The trust stage will add more (drift, spikes, a lying twin) as further modes.
 * measured = share of rows whose decision changes.
 */
export function runSensorFailureTest(ctx: TestContext, spec: SensorFailureSpec): Outcome {
  const input = inputOf(ctx.useCase, spec.input);
  const knocked = spec.failure.mode === 'missing' ? null : spec.failure.value;
  if (knocked !== null) checkValue(input, knocked, 'failure.value');
  const base = predictRows(ctx.predictor, ctx.rows);
  const after = predictRows(ctx.predictor, withInput(ctx.rows, spec.input, knocked));
  const changed = [...after.keys()].filter((i) => after[i]!.decision.label !== base[i]!.decision.label);
  const share = ctx.rows.length === 0 ? 0 : changed.length / ctx.rows.length;
  const mode = knocked === null ? 'goes missing' : `is stuck at ${JSON.stringify(knocked)}`;
  return {
    passed: share <= spec.maxChangedFraction,
    measured: share,
    threshold: spec.maxChangedFraction,
    comparison: '<=',
    message: `when "${spec.input}" ${mode}, ${changed.length} of ${ctx.rows.length} decisions change (${(share * 100).toFixed(1)}%); at most ${(spec.maxChangedFraction * 100).toFixed(1)}% may`,
    examples: changed.slice(0, MAX_EXAMPLES).map((i) => ({
      setRow: ctx.setRows[i]!,
      input: spec.input,
      recorded: ctx.rows[i]![spec.input] ?? null,
      knockedTo: knocked,
      decision: base[i]!.decision.label,
      decisionAfter: after[i]!.decision.label,
      score: base[i]!.score,
      scoreAfter: after[i]!.score,
      row: ctx.rows[i]!,
    })),
  };
}
