// decide/rules/: the fallback-rule language (a small boolean expression over model inputs), pure, no I/O. Grammar: docs/rules.md.
export { compileRule, type CompiledRule } from './compile.js';
export { parseRule } from './parse.js';
export { tokenize, type Token } from './tokenize.js';
export { writeName, closestName } from './names.js';
export type { RuleNode, Operand, Literal, InputRef, ComparisonOp } from './ast.js';
