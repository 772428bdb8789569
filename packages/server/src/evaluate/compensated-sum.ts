// Neumaier-compensated summation: sums of many squared errors without losing the small terms.

/** Sum of f(i) for i in [0, n), with a running compensation for lost low-order bits. */
export function compensatedSum(n: number, f: (i: number) => number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const x = f(i);
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}
