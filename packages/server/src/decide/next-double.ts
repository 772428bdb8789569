// The adjacent IEEE-754 doubles above and below a number: the nearest threshold that still excludes a score.
const buffer = new DataView(new ArrayBuffer(8));

/** Smallest double greater than x (x finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  buffer.setFloat64(0, x);
  const bits = buffer.getBigUint64(0);
  buffer.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}

/** Largest double smaller than x (x finite). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}
