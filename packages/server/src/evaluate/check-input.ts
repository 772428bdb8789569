// Input checks for held-out metrics: equal lengths, 0/1 labels, class indices and finite numbers, named in the error.
import { ShopfloorError } from '@shopfloor/contracts';

/** Metric inputs are shaped by the pipeline, so a bad one is a caller bug: INTERNAL_ERROR naming parameter and row. */
export function invalidMetricInput(parameter: string, message: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('INTERNAL_ERROR', `${parameter}: ${message}`, { parameter, ...details });
}

export function checkPair(nameA: string, a: ArrayLike<number>, nameB: string, b: ArrayLike<number>): void {
  if (a.length === 0) throw invalidMetricInput(nameA, 'is empty');
  if (a.length !== b.length) throw invalidMetricInput(nameB, `has ${b.length} entries but ${nameA} has ${a.length}`);
}

export function checkBinaryLabels(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0 && v !== 1) throw invalidMetricInput(name, `row ${i} is ${String(v)}, expected 0 or 1`, { row: i });
  }
}

export function checkClassLabels(name: string, values: ArrayLike<number>, k: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < k)) throw invalidMetricInput(name, `row ${i} is ${String(v)}, expected a class index in [0, ${k})`, { row: i });
  }
}

export function checkFiniteValues(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw invalidMetricInput(name, `row ${i} is ${String(values[i])}, expected a finite number`, { row: i });
  }
}
