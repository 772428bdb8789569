// compileRule: parse, validate against the use case's inputs, and hand back an evaluator; the one entry point of the rule language.
import type { InputRow, ModelInput } from '@shopfloor/contracts';
import { checkRule } from './check.js';
import { evaluator } from './evaluate.js';
import { parseRule } from './parse.js';

export interface CompiledRule {
  /** The rule as written. */
  text: string;
  /** The model inputs it reads, in order of first mention. */
  inputs: string[];
  /** True means act (alarm, act: the use case's action); a comparison with a missing reading is false. */
  evaluate(row: InputRow): boolean;
}

/** RULE_INVALID naming position, expected and received for a syntax error, unknown input, kind or level mismatch, or a rule too long or deep. */
export function compileRule(text: string, inputs: readonly ModelInput[]): CompiledRule {
  const tree = parseRule(text);
  const read = checkRule(text, tree, inputs);
  const evaluate = evaluator(tree, new Map(read.map((i) => [i.name, i])));
  return { text, inputs: read.map((i) => i.name), evaluate };
}
