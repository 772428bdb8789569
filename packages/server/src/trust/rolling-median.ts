// Median of the last K readings, kept sorted so each new reading costs one binary search and one short shift.
//
//   ring:   [v(t-K+1) ... v(t)]  insertion order, oldest at `head`
//   sorted: the same K values ascending
export class RollingMedian {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  clear(): void {
    this.size = 0;
    this.head = 0;
  }

  add(v: number): void {
    const s = this.sorted;
    let n = this.size;
    if (n === this.capacity) {
      const old = this.ring[this.head]!;
      const at = this.lowerBound(old, n);
      s.copyWithin(at, at + 1, n);
      n--;
      this.ring[this.head] = v;
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.ring[(this.head + n) % this.capacity] = v;
    }
    const at = this.lowerBound(v, n);
    s.copyWithin(at + 1, at, n);
    s[at] = v;
    this.size = n + 1;
  }

  median(): number {
    const n = this.size;
    if (n === 0) return NaN;
    const s = this.sorted;
    return n & 1 ? s[n >> 1]! : (s[(n >> 1) - 1]! + s[n >> 1]!) / 2;
  }

  private lowerBound(v: number, n: number): number {
    const s = this.sorted;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
