// Quantiles by selection (expected O(n) per level, no full sort), interpolated like numpy's default.
//
// Level p sits at position h = (n - 1) * p of the sorted values (Hyndman-Fan type 7):
//   q(p) = x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])
// All positions floor(h) are selected by divide and conquer: select the middle one over the whole
// range, then the lower ones left of it and the upper ones right of it, so the ranges shrink.
// Afterwards x[k + 1] is the smallest value between position k and the next selected position.
//
//   [ ....p01.. p05 ....... p25 ........ p50 ........ p75 ....... p95 ..p99.... ]
//                            ^ 2nd        ^ 1st        ^ 2nd

/** Quantiles of `values` (no NaN) at `levels` in [0, 1]. Reorders `values` in place. */
export function quantilesInPlace(values: Float64Array, levels: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return levels.map(() => Number.NaN);
  const positions = [...new Set(levels.map((p) => Math.floor((n - 1) * p)))].sort((a, b) => a - b);
  selectAll(values, positions, 0, positions.length - 1, 0, n - 1);
  return levels.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const low = values[lo]!;
    if (h === lo) return low;
    const next = positions.find((k) => k > lo) ?? n - 1;
    let high = values[lo + 1]!;
    for (let k = lo + 2; k <= next; k++) if (values[k]! < high) high = values[k]!;
    return low + (h - lo) * (high - low);
  });
}

/** Selects positions[first..last] (ascending) within values[left..right]. */
function selectAll(values: Float64Array, positions: readonly number[], first: number, last: number, left: number, right: number): void {
  if (first > last) return;
  const middle = (first + last) >>> 1;
  const k = positions[middle]!;
  select(values, k, left, right);
  selectAll(values, positions, first, middle - 1, left, k - 1);
  selectAll(values, positions, middle + 1, last, k + 1, right);
}

/** Puts the k-th smallest of a[left..right] at index k, smaller-or-equal before it, larger-or-equal after. */
function select(a: Float64Array, k: number, left: number, right: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot: sorted or reversed input stays linear
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    // Hoare partition: both scans stop on values equal to the pivot, so runs of equal values split evenly.
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return; // j < k < i: a[k] equals the pivot
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
