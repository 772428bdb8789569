// parseNumber: the number grammar of cells, correctly rounded like Number() (its naive twin).
import { describe, expect, it } from 'vitest';
import { COMMA, DOT, parseNumber } from './number-text.js';

const num = (text: string, decimal = DOT): number => {
  const bytes = Buffer.from(`#${text}#`, 'utf8'); // padding checks the range is honoured
  return parseNumber(bytes, 1, bytes.length - 1, decimal);
};

describe('parseNumber', () => {
  it('reads signs, fractions and exponents', () => {
    expect(num('42')).toBe(42);
    expect(num('-3.25')).toBe(-3.25);
    expect(num('+0.5')).toBe(0.5);
    expect(num('.5')).toBe(0.5);
    expect(num('5.')).toBe(5);
    expect(num('1e3')).toBe(1000);
    expect(num('2.5E-3')).toBe(0.0025);
    expect(num('-0')).toBe(-0);
    expect(num('007')).toBe(7);
  });

  it('reads a decimal comma only when the table uses one', () => {
    expect(num('21,5', COMMA)).toBe(21.5);
    expect(num('-0,125', COMMA)).toBe(-0.125);
    expect(num('21,5', DOT)).toBeNaN();
    expect(num('21.5', COMMA)).toBeNaN(); // a thousands separator in a comma file, not a decimal point
  });

  it('refuses text that is not a plain finite number', () => {
    for (const text of ['', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', '1,000.5', '0x1F', 'Infinity', 'NaN', '1 000', '12a', '1e999', '--1']) {
      expect(num(text), text).toBeNaN();
    }
  });

  it('agrees with Number() bit for bit on random numbers of every length (fast and slow paths)', () => {
    let seed = 99;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 20_000; k++) {
      const digits = 1 + Math.floor(random() * 20);
      let mantissa = '';
      for (let d = 0; d < digits; d++) mantissa += Math.floor(random() * 10);
      const point = Math.floor(random() * (digits + 1));
      let text = `${mantissa.slice(0, point)}.${mantissa.slice(point)}`;
      if (random() < 0.3) text += `e${Math.floor(random() * 60) - 30}`;
      if (random() < 0.5) text = `-${text}`;
      expect(num(text), text).toBe(Number(text));
      expect(num(text.replace('.', ','), COMMA), text).toBe(Number(text));
    }
  });
});
