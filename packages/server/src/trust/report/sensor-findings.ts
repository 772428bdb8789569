// One sensor's findings over a checked series: issue counts, merged time ranges and the share of readings inside them.
import type { TrustIssue } from '@shopfloor/contracts';

export interface TimeRange {
  from: number;
  to: number;
}

/** Issue ranges merged where they overlap or touch, ascending; an open issue runs to `end`. */
export function mergedRanges(issues: readonly TrustIssue[], end: number): TimeRange[] {
  const ranges = issues.map((i) => ({ from: i.from, to: i.to ?? end })).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: TimeRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last !== undefined && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

/** Readings (times ascending) inside any of the merged ranges (ascending, disjoint), ends included. */
export function readingsInside(times: Float64Array, ranges: readonly TimeRange[]): number {
  let n = 0;
  let k = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    while (k < ranges.length && ranges[k]!.to < t) k++;
    if (k === ranges.length) break;
    if (t >= ranges[k]!.from) n++;
  }
  return n;
}

export function countByCode(issues: readonly TrustIssue[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.code] = (out[i.code] ?? 0) + 1;
  return out;
}
