// The tokenizer: numbers, strings with escapes, backtick names, keywords in any case, two-character operators, positions.
import { describe, expect, it } from 'vitest';
import { ShopfloorError } from '@shopfloor/contracts';
import { tokenize } from './tokenize.js';

const kinds = (text: string) => tokenize(text).map((t) => (t.kind === 'end' ? 'end' : `${t.kind}:${'value' in t ? String(t.value) : t.text}@${t.at}`));

describe('tokenize', () => {
  it('reads a comparison on a backtick-quoted AI4I name, with offsets', () => {
    expect(kinds('`Torque [Nm]` >= 60.5')).toEqual(['name:Torque [Nm]@0', 'op:>=@14', 'number:60.5@17', 'end']);
  });

  it('reads negative and exponent numbers, strings with escapes and a doubled backtick', () => {
    const tokens = tokenize('x > -2.5e1 or y == "a \\"b\\" \\\\" or `odd``name` is missing');
    expect(tokens.filter((t) => t.kind === 'number').map((t) => ('value' in t ? t.value : null))).toEqual([-25]);
    expect(tokens.find((t) => t.kind === 'string')).toMatchObject({ value: 'a "b" \\' });
    expect(tokens.find((t) => t.kind === 'name' && t.quoted)).toMatchObject({ value: 'odd`name' });
  });

  it('matches keywords in any case and keeps other words as bare names (dots allowed)', () => {
    expect(kinds('NOT a.b In (1) AND c Is Missing')).toEqual([
      'keyword:not@0', 'name:a.b@4', 'keyword:in@8', '(:(@11', 'number:1@12', '):)@13', 'keyword:and@15', 'name:c@19', 'keyword:is@21', 'keyword:missing@24', 'end',
    ]);
  });

  it('reads <= != and < > without spaces', () => {
    expect(kinds('a<=1!=b<2>c')).toEqual(['name:a@0', 'op:<=@1', 'number:1@3', 'op:!=@4', 'name:b@6', 'op:<@7', 'number:2@8', 'op:>@9', 'name:c@10', 'end']);
  });

  it.each([
    ['Torque [Nm] > 60', 8, 'backticks'],
    ['a = 1', 3, '=='],
    ['a > 1 && b', 7, 'and'],
    ["Type == 'L'", 9, 'double quotes'],
    ['a == "open', 6, 'closing "'],
    ['`Torque [Nm] > 1', 1, 'closing `'],
  ])('refuses %j at position %i with a hint', (text, position, words) => {
    let error: unknown;
    try {
      tokenize(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShopfloorError);
    const e = error as ShopfloorError;
    expect(e.code).toBe('RULE_INVALID');
    expect(e.details).toMatchObject({ position, problem: 'syntax' });
    expect(e.message).toContain(words);
    expect(e.message).toContain(`position ${position}`);
  });
});
