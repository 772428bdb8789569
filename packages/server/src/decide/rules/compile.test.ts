// compileRule known answers: precedence (not > and > or), parentheses, in, is missing, boolean inputs, missing readings.
import { describe, expect, it } from 'vitest';
import type { InputRow } from '@shopfloor/contracts';
import { compileRule } from './compile.js';
import { parseRule } from './parse.js';
import { AI4I_INPUTS } from './test-inputs.js';

const TORQUE = 'Torque [Nm]';
const WEAR = 'Tool wear [min]';
const row = (torque: number | null, wear: number | null, type: string | null = 'L', extra: InputRow = {}): InputRow => ({ [TORQUE]: torque, [WEAR]: wear, Type: type, ...extra });
const run = (text: string, r: InputRow): boolean => compileRule(text, AI4I_INPUTS).evaluate(r);

/** The tree as a Lisp-like string, so precedence is visible. */
function shape(text: string): string {
  const s = (n: ReturnType<typeof parseRule>): string => {
    switch (n.kind) {
      case 'or':
      case 'and':
        return `(${n.kind} ${s(n.left)} ${s(n.right)})`;
      case 'not':
        return `(not ${s(n.operand)})`;
      case 'compare':
        return `${n.left.kind === 'input' ? n.left.name : n.left.value}${n.op}${n.right.kind === 'input' ? n.right.name : n.right.value}`;
      case 'in':
        return `${n.negated ? '!' : ''}in`;
      case 'missing':
        return n.negated ? 'present' : 'missing';
      case 'truth':
        return n.operand.kind === 'input' ? n.operand.name : String(n.operand.value);
    }
  };
  return s(parseRule(text));
}

describe('rule precedence and grouping', () => {
  it('binds not tighter than and, and tighter than or', () => {
    expect(shape('a or b and not c')).toBe('(or a (and b (not c)))');
    expect(shape('not a and b or c')).toBe('(or (and (not a) b) c)');
    expect(shape('a and b or c and d')).toBe('(or (and a b) (and c d))');
    expect(shape('a or b or c')).toBe('(or (or a b) c)');
  });

  it('lets parentheses override it', () => {
    expect(shape('(a or b) and c')).toBe('(and (or a b) c)');
    expect(shape('not (a or b)')).toBe('(not (or a b))');
    expect(shape('((x > 1))')).toBe('x>1');
  });

  it('evaluates precedence as written: false or true and not true is false; (false or true) and not false is true', () => {
    expect(run('false or true and not true', {})).toBe(false);
    expect(run('(false or true) and not false', {})).toBe(true);
    expect(run('not false and false', {})).toBe(false);
    expect(run('not (false and false)', {})).toBe(true);
  });
});

describe('rule evaluation on rows', () => {
  const rule = '`Torque [Nm]` > 60 or `Tool wear [min]` >= 200';
  it('compares numbers with every operator, boundaries included', () => {
    expect(run(rule, row(60, 199))).toBe(false);
    expect(run(rule, row(60.1, 0))).toBe(true);
    expect(run(rule, row(10, 200))).toBe(true);
    for (const [op, expected] of [['<', false], ['<=', true], ['>', false], ['>=', true], ['==', true], ['!=', false]] as const) {
      expect(run(`\`Torque [Nm]\` ${op} 42.5`, row(42.5, 0))).toBe(expected);
    }
    expect(run('60 < `Torque [Nm]`', row(61, 0))).toBe(true);
  });

  it('compares two numeric inputs', () => {
    const r = { 'Process temperature [K]': 308.6, 'Air temperature [K]': 298.1 };
    expect(run('`Process temperature [K]` > `Air temperature [K]`', r)).toBe(true);
    expect(run('`Process temperature [K]` < `Air temperature [K]`', r)).toBe(false);
  });

  it('tests categorical levels with ==, != and in / not in', () => {
    expect(run('Type in ("L", "M")', row(1, 1, 'M'))).toBe(true);
    expect(run('Type in ("L", "M")', row(1, 1, 'H'))).toBe(false);
    expect(run('Type not in ("L", "M")', row(1, 1, 'H'))).toBe(true);
    expect(run('Type == "H" and `Tool wear [min]` > 100', row(1, 150, 'H'))).toBe(true);
    expect(run('Type != "H"', row(1, 150, 'H'))).toBe(false);
  });

  it('reads a boolean input alone, negated, or compared; 0/1 and "true" count as booleans', () => {
    expect(run('coolant_on', { coolant_on: true })).toBe(true);
    expect(run('not coolant_on', { coolant_on: false })).toBe(true);
    expect(run('coolant_on == false', { coolant_on: 0 })).toBe(true);
    expect(run('coolant_on', { coolant_on: 'true' })).toBe(true);
  });

  it('makes every comparison with a missing reading false, and is missing true', () => {
    for (const missing of [row(null, 10), row(Number.NaN, 10), { [WEAR]: 10 }, row('broken' as unknown as number, 10)]) {
      expect(run('`Torque [Nm]` > 60', missing)).toBe(false);
      expect(run('`Torque [Nm]` <= 60', missing)).toBe(false);
      expect(run('`Torque [Nm]` != 60', missing)).toBe(false);
      expect(run('`Torque [Nm]` is missing', missing)).toBe(true);
      expect(run('`Torque [Nm]` is not missing', missing)).toBe(false);
      expect(run('not (`Torque [Nm]` > 60)', missing)).toBe(true);
    }
    expect(run('Type in ("L")', row(1, 1, null))).toBe(false);
    expect(run('Type not in ("L")', row(1, 1, null))).toBe(false);
    expect(run('coolant_on', { coolant_on: null })).toBe(false);
    expect(run('`Torque [Nm]` is missing or `Torque [Nm]` > 60', row(null, 0))).toBe(true);
  });

  it('lists the inputs it reads once, in order of first mention', () => {
    const compiled = compileRule('`Tool wear [min]` > 1 or (Type == "L" and `Tool wear [min]` is missing) or speed > 3', AI4I_INPUTS);
    expect(compiled.inputs).toEqual([WEAR, 'Type', 'speed']);
    expect(compiled.text).toContain('speed > 3');
    expect(compileRule('true', AI4I_INPUTS).inputs).toEqual([]);
  });

  it('accepts keywords in capitals, line breaks and a 2,000-character rule', () => {
    expect(run('`Torque [Nm]` > 60\n  OR NOT Type IN ("H")', row(1, 1, 'L'))).toBe(true);
    const long = Array.from({ length: 120 }, (_, i) => `speed > ${i}`).join(' or ').padEnd(2000, ' ');
    expect(long.length).toBe(2000);
    expect(compileRule(long, AI4I_INPUTS).evaluate({ speed: 119.5 })).toBe(true);
    expect(compileRule(long, AI4I_INPUTS).evaluate({ speed: -1 })).toBe(false);
  });
});
