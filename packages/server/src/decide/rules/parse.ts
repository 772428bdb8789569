// Recursive-descent parser: rule text -> RuleNode. Precedence, loosest first: or, and, not, then one comparison.
import { MAX_RULE_DEPTH, MAX_RULE_LENGTH } from '@shopfloor/contracts';
import type { Literal, Operand, RuleNode } from './ast.js';
import { ruleError } from './rule-error.js';
import { describeToken, tokenize, type Keyword, type Token } from './tokenize.js';

/*
 * rule       := or END
 * or         := and ( "or" and )*
 * and        := not ( "and" not )*
 * not        := "not" not | primary
 * primary    := "(" or ")" | predicate
 * predicate  := operand [ op operand | ["not"] "in" "(" literal ("," literal)* ")" | "is" ["not"] "missing" ]
 * operand    := name | `quoted name` | number | "string" | true | false
 *
 * `a or b and not c` parses as  a or (b and (not c)).
 */

const VALUE = 'an input name, a value or "("';

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private isKeyword(t: Token, k: Keyword): boolean {
    return t.kind === 'keyword' && t.value === k;
  }
  private fail(t: Token, expected: string, hint = ''): never {
    throw ruleError(this.text, t.at, 'syntax', expected, describeToken(t), {}, hint);
  }
  private enter(t: Token): void {
    if (++this.depth > MAX_RULE_DEPTH) {
      throw ruleError(this.text, t.at, 'too-deep', `at most ${MAX_RULE_DEPTH} levels of parentheses and not`, `level ${this.depth}`);
    }
  }

  rule(): RuleNode {
    if (this.peek().kind === 'end') this.fail(this.peek(), 'a condition, e.g. `Torque [Nm]` > 60');
    const node = this.or();
    const t = this.peek();
    if (t.kind !== 'end') this.fail(t, t.kind === ')' ? 'the end of the rule (this ")" closes nothing)' : 'and, or, or the end of the rule');
    return node;
  }

  private or(): RuleNode {
    let left = this.and();
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.and(), at: left.at };
    }
    return left;
  }

  private and(): RuleNode {
    let left = this.not();
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.not(), at: left.at };
    }
    return left;
  }

  private not(): RuleNode {
    const t = this.peek();
    if (!this.isKeyword(t, 'not')) return this.primary();
    this.next();
    this.enter(t);
    const operand = this.not();
    this.depth--;
    return { kind: 'not', operand, at: t.at };
  }

  private primary(): RuleNode {
    const t = this.peek();
    if (t.kind !== '(') return this.predicate();
    this.next();
    this.enter(t);
    const inner = this.or();
    const close = this.next();
    if (close.kind !== ')') this.fail(close, 'and, or, or ")" to close the "(" at position ' + (t.at + 1));
    this.depth--;
    return inner;
  }

  private operand(): Operand {
    const t = this.next();
    if (t.kind === 'name') return { kind: 'input', name: t.value, quoted: t.quoted, at: t.at };
    if (t.kind === 'number' || t.kind === 'string') return { kind: 'literal', value: t.value, at: t.at };
    if (this.isKeyword(t, 'true') || this.isKeyword(t, 'false')) return { kind: 'literal', value: this.isKeyword(t, 'true'), at: t.at };
    if (t.kind === 'keyword') this.fail(t, VALUE, `"${t.text}" is a keyword; put an input of that name in backticks`);
    return this.fail(t, VALUE);
  }

  private literal(): Literal {
    const t = this.peek();
    const operand = this.operand();
    if (operand.kind !== 'literal') this.fail(t, 'a value (a number, a "string", true or false) in the list');
    return operand;
  }

  private predicate(): RuleNode {
    const left = this.operand();
    const t = this.peek();
    if (t.kind === 'op') {
      this.next();
      return { kind: 'compare', op: t.value, left, right: this.operand(), at: left.at, opAt: t.at };
    }
    if (this.isKeyword(t, 'is')) {
      this.next();
      const negated = this.isKeyword(this.peek(), 'not');
      if (negated) this.next();
      const m = this.next();
      if (!this.isKeyword(m, 'missing')) this.fail(m, negated ? 'missing' : 'missing or not missing');
      return { kind: 'missing', input: left, negated, at: left.at };
    }
    const negatedIn = this.isKeyword(t, 'not') && this.isKeyword(this.tokens[this.i + 1]!, 'in');
    if (this.isKeyword(t, 'in') || negatedIn) {
      this.i += negatedIn ? 2 : 1;
      return { kind: 'in', input: left, values: this.list(), negated: negatedIn, at: left.at };
    }
    return { kind: 'truth', operand: left, at: left.at };
  }

  private list(): Literal[] {
    const open = this.next();
    if (open.kind !== '(') this.fail(open, '"(" starting the list of values, e.g. in ("L", "M")');
    const values = [this.literal()];
    for (;;) {
      const t = this.next();
      if (t.kind === ')') return values;
      if (t.kind !== ',') this.fail(t, '"," or ")" in the list of values');
      values.push(this.literal());
    }
  }
}

/** The syntax tree of `text`; RULE_INVALID (syntax, too-long, too-deep) naming the position. */
export function parseRule(text: string): RuleNode {
  if (text.length > MAX_RULE_LENGTH) {
    throw ruleError(text, MAX_RULE_LENGTH, 'too-long', `at most ${MAX_RULE_LENGTH} characters`, `${text.length} characters`);
  }
  return new Parser(text, tokenize(text)).rule();
}
