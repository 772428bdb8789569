// The rule tokenizer: numbers, "strings", `quoted names`, bare names, keywords, comparison operators, ( ) and commas.
import { ruleError } from './rule-error.js';
import type { ComparisonOp } from './ast.js';

export const KEYWORDS = ['and', 'or', 'not', 'in', 'is', 'missing', 'true', 'false'] as const;
export type Keyword = (typeof KEYWORDS)[number];

export type Token =
  | { kind: 'number'; value: number; at: number; text: string }
  | { kind: 'string'; value: string; at: number; text: string }
  | { kind: 'name'; value: string; quoted: boolean; at: number; text: string }
  | { kind: 'keyword'; value: Keyword; at: number; text: string }
  | { kind: 'op'; value: ComparisonOp; at: number; text: string }
  | { kind: '(' | ')' | ','; at: number; text: string }
  | { kind: 'end'; at: number; text: string };

const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const BARE_NAME = /[A-Za-z_][A-Za-z0-9_.]*/y;
const OPS: readonly ComparisonOp[] = ['<=', '>=', '==', '!=', '<', '>'];

function matchAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m === null ? null : m[0];
}

/** A "double-quoted" string from `at`; \" and \\ escape. Returns the value and the offset after the closing quote. */
function readString(text: string, at: number): { value: string; end: number } {
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      value += text[i + 1];
      i++;
    } else value += c;
  }
  throw ruleError(text, at, 'syntax', 'a closing " for this string', 'the end of the rule');
}

/** A `backtick-quoted` input name from `at`; a doubled `` stands for one backtick. */
function readQuotedName(text: string, at: number): { value: string; end: number } {
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '`') value += c;
    else if (text[i + 1] === '`') {
      value += '`';
      i++;
    } else {
      if (value === '') throw ruleError(text, at, 'syntax', 'an input name between the backticks', 'an empty name ``');
      return { value, end: i + 1 };
    }
  }
  throw ruleError(text, at, 'syntax', 'a closing ` for this input name', 'the end of the rule');
}

function unexpectedCharacter(text: string, at: number): never {
  const c = text[at]!;
  const hints: Record<string, string> = {
    '[': 'put input names with spaces or units in backticks, e.g. `Torque [Nm]` > 60',
    '=': 'compare with == (equal) or != (not equal)',
    '!': 'use != for "not equal", or the word not',
    '&': 'use the word and',
    '|': 'use the word or',
    "'": 'strings go in double quotes, e.g. Type == "L"',
  };
  throw ruleError(text, at, 'syntax', 'an input name, a value, an operator or a parenthesis', JSON.stringify(c), {}, hints[c] ?? '');
}

/** Every token of `text`, ending with one `end` token. Keywords are matched case-insensitively. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (/\s/.test(c)) {
      at++;
      continue;
    }
    const start = at;
    const op = OPS.find((o) => text.startsWith(o, at));
    const number = /[-.\d]/.test(c) ? matchAt(NUMBER, text, at) : null;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, at, text: c });
      at++;
    } else if (op !== undefined) {
      tokens.push({ kind: 'op', value: op, at, text: op });
      at += op.length;
    } else if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number), at, text: number });
      at += number.length;
    } else if (c === '"') {
      const { value, end } = readString(text, at);
      tokens.push({ kind: 'string', value, at, text: text.slice(start, end) });
      at = end;
    } else if (c === '`') {
      const { value, end } = readQuotedName(text, at);
      tokens.push({ kind: 'name', value, quoted: true, at, text: text.slice(start, end) });
      at = end;
    } else {
      const word = matchAt(BARE_NAME, text, at);
      if (word === null) unexpectedCharacter(text, at);
      const keyword = KEYWORDS.find((k) => k === word.toLowerCase());
      if (keyword !== undefined) tokens.push({ kind: 'keyword', value: keyword, at, text: word });
      else tokens.push({ kind: 'name', value: word, quoted: false, at, text: word });
      at += word.length;
    }
  }
  tokens.push({ kind: 'end', at: text.length, text: '' });
  return tokens;
}

/** How a token reads in an error message: its text in quotes, or "the end of the rule". */
export function describeToken(t: Token): string {
  return t.kind === 'end' ? 'the end of the rule' : JSON.stringify(t.text);
}
