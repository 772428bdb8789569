// Every way a rule is refused: RULE_INVALID with the 1-based position, what was expected and what was received.
import { describe, expect, it } from 'vitest';
import { ShopfloorError } from '@shopfloor/contracts';
import { compileRule } from './compile.js';
import { AI4I_INPUTS } from './test-inputs.js';

function refusal(text: string): ShopfloorError {
  try {
    compileRule(text, AI4I_INPUTS);
  } catch (e) {
    expect(e).toBeInstanceOf(ShopfloorError);
    expect((e as ShopfloorError).code).toBe('RULE_INVALID');
    expect((e as ShopfloorError).status).toBe(422);
    return e as ShopfloorError;
  }
  throw new Error(`the rule ${JSON.stringify(text)} compiled`);
}

describe('rule refusals', () => {
  it.each([
    ['', 1, 'a condition, e.g. `Torque [Nm]` > 60', 'the end of the rule'],
    ['`Torque [Nm]` >', 16, 'an input name, a value or "("', 'the end of the rule'],
    ['`Torque [Nm]` > 60 60', 20, 'and, or, or the end of the rule', '"60"'],
    ['(speed > 1', 11, 'and, or, or ")" to close the "(" at position 1', 'the end of the rule'],
    ['speed > 1)', 10, 'the end of the rule (this ")" closes nothing)', '")"'],
    ['Type in "L"', 9, '"(" starting the list of values, e.g. in ("L", "M")', '"\\"L\\""'],
    ['Type in ("L" "M")', 14, '"," or ")" in the list of values', '"\\"M\\""'],
    ['Type in (speed)', 10, 'a value (a number, a "string", true or false) in the list', '"speed"'],
    ['speed is there', 10, 'missing or not missing', '"there"'],
    ['speed > and', 9, 'an input name, a value or "("', '"and"'],
    ['60', 1, 'a comparison, e.g. `Torque [Nm]` > 60', '60 (a number)'],
  ])('syntax: %j at position %i', (text, position, expected, received) => {
    const e = refusal(text);
    expect(e.details).toMatchObject({ problem: 'syntax', position, expected, received, field: 'rule' });
    expect(e.message).toContain(`position ${position}`);
  });

  it('points a caret at the position under the rule in the message', () => {
    const e = refusal('speed > 1 and and');
    expect(e.message).toBe('rule, at position 15: expected an input name, a value or "(", received "and"; "and" is a keyword; put an input of that name in backticks\n  speed > 1 and and\n                ^');
  });

  it('reports line and column for a rule on several lines', () => {
    const e = refusal('speed > 1\nor speed >');
    expect(e.details).toMatchObject({ position: 21, line: 2, column: 11 });
    expect(e.message).toContain('line 2, column 11');
  });

  it('names an unknown input and suggests the closest name', () => {
    expect(refusal('Torque > 60').details).toMatchObject({ problem: 'unknown-input', position: 1, received: '"Torque"', suggestion: 'Torque [Nm]' });
    expect(refusal('Torque > 60').message).toContain('did you mean `Torque [Nm]`?');
    expect(refusal('speed > 1 or `Tool waer [min]` > 200').details).toMatchObject({ position: 14, suggestion: 'Tool wear [min]' });
    expect(refusal('type == "L"').details).toMatchObject({ suggestion: 'Type' });
    const e = refusal('pressure > 3');
    expect(e.details).toMatchObject({ suggestion: null, expected: 'an input of the use case' });
    expect(e.message).toContain('the inputs are Type, `Air temperature [K]`');
  });

  it.each([
    ['Type == 60', 9, 'one of the levels of Type in double quotes: "H", "L", "M"', '60 (a number)'],
    ['`Torque [Nm]` > "high"', 17, 'a number (`Torque [Nm]` is numeric)', '"high" (a string)'],
    ['Type > "L"', 6, '== or != (Type is categorical, it has no order)', '">"'],
    ['coolant_on == 1', 15, 'true or false (coolant_on is boolean)', '1 (a number)'],
    ['speed == Type', 10, 'an input of kind numeric like speed', 'Type (categorical)'],
    ['1 < 2', 1, 'an input name on one side of the comparison', '1 (a number)'],
    ['`Torque [Nm]` and speed > 1', 1, 'a comparison with numeric input `Torque [Nm]`, e.g. `Torque [Nm]` > 40.1', '`Torque [Nm]` alone'],
    ['"L" in ("L")', 1, 'an input name before in', '"L" (a string)'],
    ['speed in (1, "2")', 14, 'a number (speed is numeric)', '"2" (a string)'],
  ])('type mismatch: %j at position %i', (text, position, expected, received) => {
    expect(refusal(text).details).toMatchObject({ problem: 'type-mismatch', position, expected, received });
  });

  it('refuses a level the categorical input does not have, listing its levels', () => {
    expect(refusal('Type in ("L", "X")').details).toMatchObject({ problem: 'unknown-level', position: 15, received: '"X"', input: 'Type', levels: ['H', 'L', 'M'] });
    expect(refusal('Type == "l"').details).toMatchObject({ problem: 'unknown-level', position: 9 });
  });

  it('refuses a rule over 2,000 characters and nesting deeper than 50', () => {
    expect(refusal('speed > 1 or '.repeat(160) + 'speed > 1').details).toMatchObject({ problem: 'too-long', position: 2001, received: '2089 characters' });
    expect(compileRule(`${'('.repeat(50)}speed > 1${')'.repeat(50)}`, AI4I_INPUTS).inputs).toEqual(['speed']);
    expect(refusal(`${'('.repeat(51)}speed > 1${')'.repeat(51)}`).details).toMatchObject({ problem: 'too-deep', position: 51 });
    expect(refusal(`${'not '.repeat(51)}coolant_on`).details).toMatchObject({ problem: 'too-deep', position: 201 });
  });
});
