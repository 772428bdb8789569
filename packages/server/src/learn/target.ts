// The target column as the learner sees it: the class list of a classification target, and one label per row.
import { ShopfloorError, type Costs, type Task } from '@shopfloor/contracts';
import { alignMulticlassCosts } from '../decide/index.js';
import type { TypedColumn } from '../ingest/index.js';

/** A use case that does not fit its data: USE_CASE_INVALID naming the part (target, features, costs, split). */
export function useCaseInvalid(part: string, message: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('USE_CASE_INVALID', `${part}: ${message}`, { part, ...details });
}

/** Words that mean "the event happened" when costs.positiveLabel does not say which class it is. */
const POSITIVE_WORDS = new Set(['1', 'true', 'yes']);
const NEGATIVE_WORDS = new Set(['0', 'false', 'no']);

/** Each row's class as text (null = missing): booleans read "false"/"true", numbers in their shortest form. */
export function classTextOf(column: TypedColumn): (row: number) => string | null {
  switch (column.kind) {
    case 'boolean':
      return (r) => (column.values[r] === 1 ? 'true' : column.values[r] === 0 ? 'false' : null);
    case 'categorical':
      return (r) => (column.codes[r]! < 0 ? null : column.levels[column.codes[r]!]!);
    case 'numeric':
      return (r) => (Number.isNaN(column.values[r]!) ? null : String(column.values[r]));
    case 'id':
      return (r) => column.values[r] ?? null;
    case 'timestamp':
      return () => null;
  }
}

function rowCount(column: TypedColumn): number {
  return column.kind === 'categorical' ? column.codes.length : column.values.length;
}

/** Distinct non-missing class texts, numbers in numeric order, text in code-unit order. */
function distinctClasses(column: TypedColumn): string[] {
  const textOf = classTextOf(column);
  const seen = new Set<string>();
  for (let r = 0; r < rowCount(column); r++) {
    const t = textOf(r);
    if (t !== null) seen.add(t);
  }
  const out = [...seen];
  return column.kind === 'numeric' ? out.sort((a, b) => Number(a) - Number(b)) : out.sort();
}

function matchesWord(text: string, words: Set<string>): boolean {
  return words.has(text.trim().toLowerCase());
}

/** Binary: [negative, positive]. The positive class is costs.positiveLabel, else the one reading 1/true/yes. */
function binaryClasses(column: TypedColumn, positiveLabel: string | undefined): string[] {
  const classes = distinctClasses(column);
  if (classes.length !== 2) {
    throw useCaseInvalid('target', `column "${column.name}" has ${classes.length} classes (${classes.slice(0, 10).join(', ')}); a binary use case needs exactly 2`, {
      column: column.name,
      classes: classes.slice(0, 50),
    });
  }
  let positive: string | undefined;
  if (positiveLabel !== undefined) {
    positive =
      classes.find((c) => c === positiveLabel) ??
      classes.find((c) => c.toLowerCase() === positiveLabel.trim().toLowerCase()) ??
      // A boolean target reads "true"/"false"; "1"/"yes" and "0"/"no" name the same classes.
      (column.kind === 'boolean' && matchesWord(positiveLabel, POSITIVE_WORDS) ? 'true' : undefined) ??
      (column.kind === 'boolean' && matchesWord(positiveLabel, NEGATIVE_WORDS) ? 'false' : undefined);
    if (positive === undefined) {
      throw useCaseInvalid('costs', `positiveLabel "${positiveLabel}" is not a class of "${column.name}" (${classes.join(', ')})`, {
        field: 'positiveLabel',
        classes,
      });
    }
  } else {
    const candidates = classes.filter((c) => matchesWord(c, POSITIVE_WORDS));
    if (candidates.length !== 1) {
      throw useCaseInvalid('costs', `cannot tell which class of "${column.name}" (${classes.join(', ')}) is the event; set costs.positiveLabel`, {
        field: 'positiveLabel',
        classes,
      });
    }
    positive = candidates[0]!;
  }
  return [classes.find((c) => c !== positive)!, positive];
}

/**
 * The class list a use case stores (negative / normal first), derived from the target column when
 * the use case is created; undefined for regression. Checks the target's kind fits the task.
 */
export function deriveClasses(column: TypedColumn, task: Task, costs: Costs): string[] | undefined {
  if (costs.kind !== task) {
    throw useCaseInvalid('costs', `are ${costs.kind} costs but the task is ${task}`, { field: 'kind', expected: task, received: costs.kind });
  }
  if (column.kind === 'timestamp' || column.kind === 'id') {
    throw useCaseInvalid('target', `column "${column.name}" is ${column.kind}; a ${task} target must be ${task === 'regression' ? 'numeric' : 'boolean, categorical or numeric'}`, {
      column: column.name,
      kind: column.kind,
    });
  }
  switch (costs.kind) {
    case 'binary':
      return binaryClasses(column, costs.positiveLabel);
    case 'multiclass':
      // Checks the matrix is K x K over exactly the classes present in the data (naming missing and unknown
      // ones); the cost table's order is kept, so its first class is normal operation.
      alignMulticlassCosts(costs, distinctClasses(column));
      return [...costs.classes];
    case 'regression':
      if (column.kind !== 'numeric') {
        throw useCaseInvalid('target', `column "${column.name}" is ${column.kind}; a regression target must be numeric`, { column: column.name, kind: column.kind });
      }
      return undefined;
  }
}

/**
 * One label per row in decide/'s conventions (binary 0/1, multiclass class index, regression value);
 * NaN where the target is missing. A class the use case does not know (a newer dataset version) is
 * TRAINING_FAILED naming it and its first row.
 */
export function encodeLabels(column: TypedColumn, classes: readonly string[] | undefined): Float64Array {
  const n = rowCount(column);
  const labels = new Float64Array(n);
  if (classes === undefined) {
    if (column.kind !== 'numeric') throw useCaseInvalid('target', `column "${column.name}" is ${column.kind}, not numeric`, { column: column.name });
    labels.set(column.values);
    return labels;
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const textOf = classTextOf(column);
  for (let r = 0; r < n; r++) {
    const t = textOf(r);
    if (t === null) {
      labels[r] = Number.NaN;
      continue;
    }
    const k = index.get(t);
    if (k === undefined) {
      throw new ShopfloorError('TRAINING_FAILED', `target "${column.name}" row ${r + 1} holds class "${t}", which the use case does not know (${classes.join(', ')})`, {
        column: column.name,
        row: r + 1,
        value: t,
        classes: [...classes],
      });
    }
    labels[r] = k;
  }
  return labels;
}
