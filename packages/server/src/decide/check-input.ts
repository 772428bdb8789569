// Input checks shared by the cost math: lengths, labels and probabilities, each failing with a typed error naming the parameter.
import { ShopfloorError } from '@shopfloor/contracts';

/** A caller bug (arrays the pipeline should have shaped), not a user mistake: INTERNAL_ERROR naming the parameter and row. */
export function invalidInput(parameter: string, message: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('INTERNAL_ERROR', `${parameter}: ${message}`, { parameter, ...details });
}

/** A cost table the use case cannot work with: USE_CASE_INVALID naming the part and field. */
export function invalidCosts(field: string, message: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('USE_CASE_INVALID', `costs.${field}: ${message}`, { part: 'costs', field, ...details });
}

export function checkNonEmpty(name: string, values: ArrayLike<number>): void {
  if (values.length === 0) throw invalidInput(name, 'is empty');
}

export function checkSameLength(nameA: string, a: ArrayLike<unknown>, nameB: string, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw invalidInput(nameB, `has ${b.length} entries but ${nameA} has ${a.length}`, { expected: a.length, received: b.length });
  }
}

/** Labels and act flags: every entry 0 or 1. */
export function checkZeroOne(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0 && v !== 1) throw invalidInput(name, `row ${i} is ${String(v)}, expected 0 or 1`, { row: i, received: v });
  }
}

/** Probabilities: every entry finite and in [0, 1]. */
export function checkProbabilities(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 1)) throw invalidInput(name, `row ${i} is ${String(v)}, expected a probability in [0, 1]`, { row: i, received: v });
  }
}

export function checkFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw invalidInput(name, `row ${i} is ${String(v)}, expected a finite number`, { row: i, received: v });
  }
}

/** Class indices: integers in [0, k). */
export function checkClassIndices(name: string, values: ArrayLike<number>, k: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < k)) {
      throw invalidInput(name, `row ${i} is ${String(v)}, expected a class index in [0, ${k})`, { row: i, received: v });
    }
  }
}
