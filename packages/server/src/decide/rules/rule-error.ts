// RULE_INVALID with the position (1-based character), what was expected and what was found, and a caret under the spot.
import { ShopfloorError } from '@shopfloor/contracts';

export type RuleProblem = 'syntax' | 'unknown-input' | 'type-mismatch' | 'unknown-level' | 'too-long' | 'too-deep';

/** The line of `text` holding offset `at`, and a caret line under it (rules are usually one line). */
function pointer(text: string, at: number): { line: number; column: number; sketch: string } {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const start = before.lastIndexOf('\n') + 1;
  const end = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
  const column = at - start + 1;
  const shown = text.slice(start, end);
  const cut = shown.length > 120 ? Math.max(0, column - 60) : 0;
  const excerpt = shown.slice(cut, cut + 120);
  return { line, column, sketch: `  ${excerpt}\n  ${' '.repeat(column - 1 - cut)}^` };
}

/**
 * `at` is the 0-based offset; details.position is 1-based (the first character is position 1), as
 * an editor counts. `extra` adds fields such as `suggestion`, `input` or `levels`.
 */
export function ruleError(
  text: string,
  at: number,
  problem: RuleProblem,
  expected: string,
  received: string,
  extra: Record<string, unknown> = {},
  hint = '',
): ShopfloorError {
  const { line, column, sketch } = pointer(text, Math.min(at, text.length));
  const where = line > 1 ? `line ${line}, column ${column}` : `position ${at + 1}`;
  const tail = hint === '' ? '' : `; ${hint}`;
  return new ShopfloorError('RULE_INVALID', `rule, at ${where}: expected ${expected}, received ${received}${tail}\n${sketch}`, {
    field: 'rule',
    position: at + 1,
    line,
    column,
    problem,
    expected,
    received,
    ...extra,
  });
}
