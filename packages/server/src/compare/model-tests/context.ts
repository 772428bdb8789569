// What every model-test kind runs on: the use case, the version's predictor, and the (sliced) rows of one set version.
import type { EvaluationSetColumn, InputRow, Label, ModelTestResult, UseCase } from '@shopfloor/contracts';
import type { Predictor } from '../../serve/index.js';

export interface TestContext {
  useCase: Omit<UseCase, 'championVersionId'>;
  predictor: Predictor;
  /** The set rows the slice kept, in set order. */
  rows: InputRow[];
  /** rows[i] is row setRows[i] (0-based) of the set version. */
  setRows: number[];
  columns: readonly EvaluationSetColumn[];
  /** Standing labels, for a use case whose target comes from labels (empty otherwise). */
  standingLabels: readonly Label[];
}

/** What a kind measures; the runner adds the test's name, kind, set and row count. */
export type Outcome = Pick<ModelTestResult, 'passed' | 'measured' | 'threshold' | 'comparison' | 'message' | 'examples'>;

export const MAX_EXAMPLES = 5;
