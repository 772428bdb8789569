// Validation of a parsed rule against the use case's inputs: every name known, every comparison of matching kinds and levels.
import type { ModelInput } from '@shopfloor/contracts';
import type { ComparisonOp, InputRef, Literal, Operand, RuleNode } from './ast.js';
import { closestName, writeName } from './names.js';
import { ruleError } from './rule-error.js';

const ORDERING: readonly ComparisonOp[] = ['<', '<=', '>', '>='];

function literalText(l: Literal): string {
  if (typeof l.value === 'string') return `${JSON.stringify(l.value)} (a string)`;
  return typeof l.value === 'number' ? `${l.value} (a number)` : String(l.value);
}

function literalKind(l: Literal): ModelInput['kind'] | 'string' {
  return typeof l.value === 'number' ? 'numeric' : typeof l.value === 'boolean' ? 'boolean' : 'string';
}

/** What a value compared with `input` must look like, for messages. */
function wanted(input: ModelInput): string {
  if (input.kind === 'numeric') return `a number (${writeName(input.name)} is numeric)`;
  if (input.kind === 'boolean') return `true or false (${writeName(input.name)} is boolean)`;
  const levels = (input.levels ?? []).slice(0, 20).map((l) => JSON.stringify(l));
  return `one of the levels of ${writeName(input.name)} in double quotes${levels.length > 0 ? `: ${levels.join(', ')}` : ''}`;
}

/** Walks the tree once; returns the inputs read, in order of first mention. Throws RULE_INVALID. */
export function checkRule(text: string, root: RuleNode, inputs: readonly ModelInput[]): ModelInput[] {
  const byName = new Map(inputs.map((i) => [i.name, i]));
  const read = new Map<string, ModelInput>();

  function resolve(ref: InputRef): ModelInput {
    const input = byName.get(ref.name);
    if (input === undefined) {
      const suggestion = closestName(ref.name, [...byName.keys()]);
      const hint = suggestion === undefined ? `the inputs are ${[...byName.keys()].slice(0, 20).map(writeName).join(', ')}` : `did you mean ${writeName(suggestion)}?`;
      throw ruleError(text, ref.at, 'unknown-input', 'an input of the use case', JSON.stringify(ref.name), { input: ref.name, suggestion: suggestion ?? null, available: [...byName.keys()].slice(0, 100) }, hint);
    }
    if (!read.has(input.name)) read.set(input.name, input);
    return input;
  }

  function requireInput(operand: Operand, what: string): ModelInput {
    if (operand.kind === 'literal') throw ruleError(text, operand.at, 'type-mismatch', `an input name ${what}`, literalText(operand));
    return resolve(operand);
  }

  /** A literal against an input: the kind must match, and a categorical level must exist. */
  function checkValue(input: ModelInput, l: Literal): void {
    const kind = literalKind(l);
    const fits = input.kind === 'categorical' ? kind === 'string' : kind === input.kind;
    if (!fits) throw ruleError(text, l.at, 'type-mismatch', wanted(input), literalText(l), { input: input.name });
    if (input.kind === 'categorical' && input.levels !== undefined && !input.levels.includes(l.value as string)) {
      throw ruleError(text, l.at, 'unknown-level', wanted(input), JSON.stringify(l.value), { input: input.name, levels: input.levels.slice(0, 100) });
    }
  }

  function checkCompare(node: Extract<RuleNode, { kind: 'compare' }>): void {
    const { left, right, op } = node;
    if (left.kind === 'literal' && right.kind === 'literal') {
      throw ruleError(text, left.at, 'type-mismatch', 'an input name on one side of the comparison', literalText(left));
    }
    const a = left.kind === 'input' ? resolve(left) : undefined;
    const b = right.kind === 'input' ? resolve(right) : undefined;
    const first = (a ?? b)!;
    if (ORDERING.includes(op) && first.kind !== 'numeric') {
      throw ruleError(text, node.opAt, 'type-mismatch', `== or != (${writeName(first.name)} is ${first.kind}, it has no order)`, JSON.stringify(op), { input: first.name });
    }
    if (a !== undefined && b !== undefined) {
      const same = a.kind === b.kind;
      if (!same) throw ruleError(text, right.at, 'type-mismatch', `an input of kind ${a.kind} like ${writeName(a.name)}`, `${writeName(b.name)} (${b.kind})`, { input: b.name });
      return;
    }
    checkValue(first, (left.kind === 'literal' ? left : right) as Literal);
  }

  function visit(node: RuleNode): void {
    switch (node.kind) {
      case 'or':
      case 'and':
        visit(node.left);
        visit(node.right);
        return;
      case 'not':
        return visit(node.operand);
      case 'compare':
        return checkCompare(node);
      case 'in': {
        const input = requireInput(node.input, 'before in');
        for (const v of node.values) checkValue(input, v);
        return;
      }
      case 'missing':
        requireInput(node.input, 'before is missing');
        return;
      case 'truth': {
        if (node.operand.kind === 'literal') {
          if (typeof node.operand.value !== 'boolean') {
            throw ruleError(text, node.operand.at, 'syntax', 'a comparison, e.g. `Torque [Nm]` > 60', literalText(node.operand));
          }
          return;
        }
        const input = resolve(node.operand);
        if (input.kind !== 'boolean') {
          const example = input.kind === 'numeric' ? `${writeName(input.name)} > ${input.median ?? 0}` : `${writeName(input.name)} == ${JSON.stringify(input.levels?.[0] ?? 'level')}`;
          throw ruleError(text, node.operand.at, 'type-mismatch', `a comparison with ${input.kind} input ${writeName(input.name)}, e.g. ${example}`, `${writeName(input.name)} alone`, { input: input.name });
        }
        return;
      }
    }
  }

  visit(root);
  return [...read.values()];
}
