// Evaluating a checked rule on one row by walking its tree (no eval, no Function); a missing reading makes a comparison false.
import type { InputRow, ModelInput } from '@shopfloor/contracts';
import type { ComparisonOp, LiteralValue, Operand, RuleNode } from './ast.js';

/** A row's value as the rule sees it: a number, a level, a boolean, or undefined when missing. */
type Value = number | string | boolean | undefined;

/**
 * Missing: no key, null, NaN, or a value of the wrong type for the input (a string for a numeric input)
 * — serving has validated rows before a rule sees them, so a wrong type only arrives from untrusted data.
 * Booleans also accept 0/1 and "true"/"false"; categorical levels compare as text.
 */
function readValue(row: InputRow, input: ModelInput): Value {
  const raw = Object.hasOwn(row, input.name) ? row[input.name] : undefined;
  if (raw === null || raw === undefined) return undefined;
  switch (input.kind) {
    case 'numeric':
      return typeof raw === 'number' && !Number.isNaN(raw) ? raw : undefined;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 0 || raw === 1 || raw === 'true' || raw === 'false') return raw === 1 || raw === 'true';
      return undefined;
    case 'categorical':
      return typeof raw === 'number' && Number.isNaN(raw) ? undefined : String(raw);
  }
}

function compare(op: ComparisonOp, a: LiteralValue, b: LiteralValue): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** Builds the evaluator of a checked tree; `inputs` maps each name the tree reads to its input. */
export function evaluator(root: RuleNode, inputs: ReadonlyMap<string, ModelInput>): (row: InputRow) => boolean {
  function valueOf(operand: Operand, row: InputRow): Value {
    return operand.kind === 'literal' ? operand.value : readValue(row, inputs.get(operand.name)!);
  }

  function walk(node: RuleNode, row: InputRow): boolean {
    switch (node.kind) {
      case 'or':
        return walk(node.left, row) || walk(node.right, row);
      case 'and':
        return walk(node.left, row) && walk(node.right, row);
      case 'not':
        return !walk(node.operand, row);
      case 'compare': {
        const a = valueOf(node.left, row);
        const b = valueOf(node.right, row);
        return a !== undefined && b !== undefined && compare(node.op, a, b);
      }
      case 'in': {
        const v = valueOf(node.input, row);
        if (v === undefined) return false;
        const found = node.values.some((l) => l.value === v);
        return node.negated ? !found : found;
      }
      case 'missing':
        return (valueOf(node.input, row) === undefined) !== node.negated;
      case 'truth':
        return valueOf(node.operand, row) === true;
    }
  }

  return (row) => walk(root, row);
}
