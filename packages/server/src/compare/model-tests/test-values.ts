// The values a model test sets an input to: checked against the use case's input (kind, levels), with defaults from its training range.
import { ShopfloorError, type ModelInput, type ModelTestSpec, type UseCase } from '@shopfloor/contracts';

export type InputValue = number | string | boolean;

export function testInvalid(field: string, message: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('MODEL_TEST_INVALID', `${field}: ${message}`, { field, ...details });
}

/** The model input the test names, or MODEL_TEST_INVALID listing the inputs there are. */
export function inputOf(useCase: Pick<UseCase, 'inputs'>, name: string): ModelInput {
  const input = useCase.inputs.find((i) => i.name === name);
  if (input === undefined) throw testInvalid('input', `"${name}" is not a model input of the use case`, { input: name, inputs: useCase.inputs.map((i) => i.name) });
  return input;
}

/** `steps` evenly spaced values from min to max, both ends exact. */
export function gridValues(grid: { min: number; max: number; steps: number }): number[] {
  return Array.from({ length: grid.steps }, (_, k) => (k === grid.steps - 1 ? grid.max : grid.min + ((grid.max - grid.min) * k) / (grid.steps - 1)));
}

/** A value the input can take: a number for numeric, true/false (or 0/1) for boolean, a known level for categorical. */
export function checkValue(input: ModelInput, value: InputValue, field: string): void {
  const ok =
    input.kind === 'numeric'
      ? typeof value === 'number' && Number.isFinite(value)
      : input.kind === 'boolean'
        ? typeof value === 'boolean' || value === 0 || value === 1
        : typeof value === 'string' && (input.levels ?? []).includes(value);
  if (!ok) {
    const expected = input.kind === 'numeric' ? 'a number' : input.kind === 'boolean' ? 'true or false' : `one of its levels (${(input.levels ?? []).slice(0, 20).join(', ')})`;
    throw testInvalid(field, `${JSON.stringify(value)} is not a value of ${input.kind} input "${input.name}": expected ${expected}`, { input: input.name, value });
  }
}

function trainingGrid(input: ModelInput, field: string, steps = 10): number[] {
  if (input.min === undefined || input.max === undefined || !(input.max > input.min)) {
    throw testInvalid(field, `input "${input.name}" has no training range to default to; give a grid (min, max, steps)`, { input: input.name });
  }
  return gridValues({ min: input.min, max: input.max, steps });
}

type InvarianceSpec = Extract<ModelTestSpec, { kind: 'invariance' }>;
type DirectionSpec = Extract<ModelTestSpec, { kind: 'direction' }>;

/** Given values, a grid (numeric), every level (categorical), both values (boolean), or the training range in 10 steps (numeric). */
export function invarianceValues(input: ModelInput, spec: InvarianceSpec): InputValue[] {
  if (spec.values !== undefined && spec.grid !== undefined) throw testInvalid('values', 'give either values or a grid, not both');
  if (spec.values !== undefined) {
    spec.values.forEach((v, i) => checkValue(input, v, `values[${i}]`));
    return spec.values;
  }
  if (spec.grid !== undefined) {
    if (input.kind !== 'numeric') throw testInvalid('grid', `input "${input.name}" is ${input.kind}; a grid needs a numeric input, give values`, { input: input.name });
    return gridValues(spec.grid);
  }
  if (input.kind === 'categorical') return [...(input.levels ?? [])];
  if (input.kind === 'boolean') return [false, true];
  return trainingGrid(input, 'grid');
}

/** Ascending grid values of a numeric input: the given grid, else its training range in 10 steps. */
export function directionValues(input: ModelInput, spec: DirectionSpec): number[] {
  if (input.kind !== 'numeric') throw testInvalid('input', `"${input.name}" is ${input.kind}; a direction test needs a numeric input`, { input: input.name });
  return spec.grid === undefined ? trainingGrid(input, 'grid') : gridValues(spec.grid);
}
