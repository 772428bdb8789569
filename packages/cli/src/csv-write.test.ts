// CSV output: quoting only where needed, and numbers written with the input's decimal separator.
import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv-write.js';

describe('csv output', () => {
  it('quotes delimiters, quotes, line breaks and edge spaces', () => {
    const style = { delimiter: ',', decimal: '.' as const };
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny', ' pad', null, 1.5], style)).toBe('a,"b,c","say ""hi""","x\ny"," pad",,1.5\n');
  });

  it('writes decimal commas for European files, leaving semicolon-separated cells unquoted', () => {
    const style = { delimiter: ';', decimal: ',' as const };
    expect(csvLine(['Torque [Nm]', 42.8, 0.0031, 'L'], style)).toBe('Torque [Nm];42,8;0,0031;L\n');
    expect(csvField(Number.NaN, style)).toBe('');
  });
});
