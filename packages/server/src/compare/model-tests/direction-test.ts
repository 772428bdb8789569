// Direction: raising one input over a grid must never lower the failure risk (or never raise it), for every row.
import type { ModelTestSpec } from '@shopfloor/contracts';
import { MAX_EXAMPLES, type Outcome, type TestContext } from './context.js';
import { predictRows, riskOf, withInput } from './scoring.js';
import { directionValues, inputOf } from './test-values.js';

type DirectionSpec = Extract<ModelTestSpec, { kind: 'direction' }>;

/**
 * Each row is scored at every grid value g1 < g2 < ... < gm (its other inputs as recorded). A step
 * g(k) -> g(k+1) violates "increasing" when risk drops by more than the tolerance. measured = rows
 * with at least one violation; an example shows the row's largest wrong-way step.
 *
 *   risk  ^        .--.                 one row, increasing expected:
 *         |   .--'    '.__.--           the step from g4 to g5 drops: a violation
 *         +----------------------> grid
 */
export function runDirectionTest(ctx: TestContext, spec: DirectionSpec): Outcome {
  const grid = directionValues(inputOf(ctx.useCase, spec.input), spec);
  const sign = spec.direction === 'increasing' ? 1 : -1;
  const n = ctx.rows.length;
  let previous: Float64Array | null = null;
  const worst = new Float64Array(n); // largest wrong-way step per row (0 = none beyond tolerance)
  const where = new Int32Array(n).fill(-1);
  grid.forEach((value, k) => {
    const risks = Float64Array.from(predictRows(ctx.predictor, withInput(ctx.rows, spec.input, value)), (p) => riskOf(p, ctx.useCase.classes));
    if (previous !== null) {
      for (let i = 0; i < n; i++) {
        const wrongWay = sign * (previous[i]! - risks[i]!);
        if (wrongWay > spec.tolerance && wrongWay > worst[i]!) {
          worst[i] = wrongWay;
          where[i] = k - 1;
        }
      }
    }
    previous = risks;
  });
  const violating = [...where.keys()].filter((i) => where[i]! >= 0);
  const examples = violating
    .sort((a, b) => worst[b]! - worst[a]! || a - b)
    .slice(0, MAX_EXAMPLES)
    .map((i) => ({ setRow: ctx.setRows[i]!, input: spec.input, from: grid[where[i]!]!, to: grid[where[i]! + 1]!, riskChange: -sign * worst[i]!, row: ctx.rows[i]! }));
  const verb = spec.direction === 'increasing' ? 'lowers' : 'raises';
  return {
    passed: violating.length === 0,
    measured: violating.length,
    threshold: 0,
    comparison: '<=',
    message: `raising "${spec.input}" from ${grid[0]} to ${grid[grid.length - 1]} (${grid.length} steps) ${verb} the failure risk of ${violating.length} of ${n} rows`,
    examples,
  };
}
