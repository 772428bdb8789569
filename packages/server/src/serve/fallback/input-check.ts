// Checks rows against the use case's inputs when no model reads them (a broken or slow champion): bad data stays a 400 on every path.
import type { InputRow, ModelInput } from '@shopfloor/contracts';
import { compileRowReader } from '../row-reader.js';

/**
 * Throws the PREDICT_* error a champion would (missing feature, wrong type, unknown level), naming row
 * and feature. The reader is built from the inputs alone: category codes are irrelevant for a check.
 */
export function checkRowsAgainstInputs(inputs: readonly ModelInput[], rows: readonly InputRow[]): void {
  const features = inputs.map((i) => (i.kind === 'categorical' ? { name: i.name, type: 'categorical' as const, categories: i.levels ?? [] } : { name: i.name, type: 'numeric' as const }));
  const reader = compileRowReader({ features }, inputs);
  const scratch = new Float64Array(features.length);
  rows.forEach((row, i) => reader.read(row, i, scratch, 0));
}
