// Reads a decimal number straight from UTF-8 bytes (no string per cell), correctly rounded.
//
// Grammar: [+-] digits [sep digits] [(e|E) [+-] digits], at least one mantissa digit, sep = the
// table's decimal separator ('.' or ','). No thousands separators, no hex, no Infinity.
// Fast path (Clinger): when the significant digits fit in 15 and the decimal exponent is within
// +-22, mantissa and 10^k are exact doubles, so one multiply or divide is correctly rounded.
// Anything else goes through Number() on a rebuilt string, which is correctly rounded too.

const POW10 = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
const PLUS = 0x2b;
const MINUS = 0x2d;
const ZERO = 0x30;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

export const DOT = 0x2e;
export const COMMA = 0x2c;

/** The number in bytes[start..end), or NaN when the cell is not a finite number in this grammar. */
export function parseNumber(bytes: Uint8Array, start: number, end: number, decimal: number): number {
  let i = start;
  let negative = false;
  const sign = bytes[i];
  if (sign === MINUS || sign === PLUS) {
    negative = sign === MINUS;
    i++;
  }
  // All digits go into the mantissa; it is exact while there are at most 15 of them (leading
  // zeros included, which only sends a few extra cells to the slow path).
  let mantissa = 0;
  const intStart = i;
  for (; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d >>> 0 > 9) break;
    mantissa = mantissa * 10 + d;
  }
  let digits = i - intStart;
  let exponent = 0;
  if (i < end && bytes[i] === decimal) {
    const fracStart = ++i;
    for (; i < end; i++) {
      const d = bytes[i]! - ZERO;
      if (d >>> 0 > 9) break;
      mantissa = mantissa * 10 + d;
    }
    exponent = fracStart - i;
    digits += i - fracStart;
  }
  if (digits === 0) return Number.NaN;
  if (i < end) {
    const e = bytes[i];
    if (e !== LOWER_E && e !== UPPER_E) return Number.NaN;
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      expNegative = bytes[i] === MINUS;
      i++;
    }
    const expStart = i;
    let written = 0;
    for (; i < end; i++) {
      const d = bytes[i]! - ZERO;
      if (d >>> 0 > 9) return Number.NaN;
      if (written < 100_000) written = written * 10 + d;
    }
    if (i === expStart) return Number.NaN;
    exponent += expNegative ? -written : written;
  }
  if (digits <= 15 && exponent >= -22 && exponent <= 22) {
    const value = exponent < 0 ? mantissa / POW10[-exponent]! : mantissa * POW10[exponent]!;
    return negative ? -value : value;
  }
  return slowParse(bytes, start, end, decimal);
}

/** Number() on the text (correctly rounded for any length); the grammar was checked already. */
function slowParse(bytes: Uint8Array, start: number, end: number, decimal: number): number {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  if (decimal !== DOT) text = text.replace(',', '.');
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}
