// Scales and ticks for the SVG charts: a linear map from data to pixels and "nice" round tick values.

export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = ((value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0))) as LinearScale;
  scale.domain = domain;
  return scale;
}

/** Round tick values (steps of 1, 2 or 5 x 10^k) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  const last = Math.floor(max / step + 1e-9);
  for (let k = Math.ceil(min / step - 1e-9); k <= last; k++) ticks.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return ticks;
}

/** [min, max] of the values with `pad` (a share of the span) on both sides; [v - 1, v + 1] for a single value. */
export function extent(values: readonly number[], pad = 0): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) return [0, 1];
  if (min === max) return [min - 1, max + 1];
  const span = max - min;
  return [min - pad * span, max + pad * span];
}

/**
 * Vertical offsets for a beeswarm row: dots whose x positions (pixels) fall within `radius * 2` of each
 * other stack outward from the centre line, alternating up and down, so dense regions look wide.
 *   x: ..ooo....o..      ->   o
 *                            o o   o
 *                             o
 */
export function swarmOffsets(xs: readonly number[], radius: number, maxOffset: number): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const offsets = new Array<number>(xs.length).fill(0);
  const bucketCounts = new Map<number, number>();
  for (const { x, i } of order) {
    const bucket = Math.round(x / (radius * 2));
    const k = bucketCounts.get(bucket) ?? 0;
    bucketCounts.set(bucket, k + 1);
    const step = Math.ceil(k / 2) * radius * 1.6;
    const offset = Math.min(step, maxOffset);
    offsets[i] = k % 2 === 1 ? -offset : offset;
  }
  return offsets;
}
