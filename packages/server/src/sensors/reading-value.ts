// A reading's value: a finite number (JSON number or decimal text); missing, NaN/Infinity and text are told apart.
import type { ReadingRejectCode } from '@shopfloor/contracts';

export type ReadingValue = { ok: true; value: number } | { ok: false; code: ReadingRejectCode; message: string };

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** decimal: the separator of text values (',' for a `;`-separated file with decimal commas). */
export function readingValue(input: unknown, decimal: '.' | ',' = '.'): ReadingValue {
  if (input === null || input === undefined || (typeof input === 'string' && input.trim() === '')) {
    return { ok: false, code: 'READING_VALUE_MISSING', message: 'the value is missing' };
  }
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, code: 'READING_VALUE_NAN', message: `value ${String(input)} is not a finite number` };
  }
  if (typeof input !== 'string') return { ok: false, code: 'READING_VALUE_TEXT', message: `value ${JSON.stringify(input)} is not a number` };
  const text = input.trim();
  if (NOT_FINITE.test(text)) return { ok: false, code: 'READING_VALUE_NAN', message: `value "${text}" is not a finite number` };
  const plain = decimal === ',' ? text.replace(',', '.') : text;
  if (!DECIMAL.test(plain)) return { ok: false, code: 'READING_VALUE_TEXT', message: `value "${text}" is text, not a number` };
  const value = Number(plain);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, code: 'READING_VALUE_NAN', message: `value "${text}" is too large` };
}
