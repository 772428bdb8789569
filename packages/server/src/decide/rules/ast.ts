// The fallback rule's syntax tree, as the parser builds it; `at` is the 0-based character offset of the node's first token.

export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type LiteralValue = number | string | boolean;

export interface InputRef {
  kind: 'input';
  name: string;
  at: number;
  /** How it was written: bare (`torque`) or in backticks (`` `Torque [Nm]` ``); error messages quote it back. */
  quoted: boolean;
}

export interface Literal {
  kind: 'literal';
  value: LiteralValue;
  at: number;
}

export type Operand = InputRef | Literal;

export type RuleNode =
  | { kind: 'or' | 'and'; left: RuleNode; right: RuleNode; at: number }
  | { kind: 'not'; operand: RuleNode; at: number }
  | { kind: 'compare'; op: ComparisonOp; left: Operand; right: Operand; at: number; opAt: number }
  | { kind: 'in'; input: Operand; values: Literal[]; negated: boolean; at: number }
  | { kind: 'missing'; input: Operand; negated: boolean; at: number }
  /** An operand standing alone: `true`, `false`, or a boolean input meaning "is true". */
  | { kind: 'truth'; operand: Operand; at: number };
