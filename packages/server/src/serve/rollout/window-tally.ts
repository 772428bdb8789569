// What serving saw per (use case, variant): recent rows with time, latency, failure and agreement with the champion, bounded in memory.
import type { CanaryWindow } from './canary-controller.js';

interface Sample {
  at: number;
  latencyMs: number;
  error: boolean;
}

interface Comparison {
  at: number;
  agree: boolean;
}

export interface WindowTally {
  /** One row the variant was asked to answer. */
  answered(useCaseId: string, modelVersionId: string, at: number, latencyMs: number, error: boolean): void;
  /** One row both the variant and the champion scored. */
  compared(useCaseId: string, modelVersionId: string, at: number, agree: boolean): void;
  /** The window [from, to) of the variant (labels come from the prediction log; none here). */
  window(useCaseId: string, modelVersionId: string, from: number, to: number): CanaryWindow;
  /** Forgets a variant (a new canary starts from nothing). */
  reset(useCaseId: string, modelVersionId: string): void;
}

/**
 * Rows kept per variant, at least; older ones fall off (the canary's windows need far fewer). The list
 * is cut back to this once it holds a quarter more, so a push costs O(1) amortized: cutting one row per
 * push moved 100,000 entries each time (an A/B split at 8,500 req/s saturated the server once full).
 */
export const TALLY_ROWS = 100_000;

export function p99(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]!;
}

export function createWindowTally(limit = TALLY_ROWS): WindowTally {
  const samples = new Map<string, Sample[]>();
  const comparisons = new Map<string, Comparison[]>();
  const key = (u: string, m: string) => `${u}\u0000${m}`;
  function push<T>(map: Map<string, T[]>, k: string, item: T): void {
    let list = map.get(k);
    if (list === undefined) map.set(k, (list = []));
    list.push(item);
    if (list.length >= limit + Math.ceil(limit / 4)) list.splice(0, list.length - limit);
  }
  return {
    answered: (u, m, at, latencyMs, error) => push(samples, key(u, m), { at, latencyMs, error }),
    compared: (u, m, at, agree) => push(comparisons, key(u, m), { at, agree }),
    window(u, m, from, to) {
      const s = (samples.get(key(u, m)) ?? []).filter((x) => x.at >= from && x.at < to);
      const c = (comparisons.get(key(u, m)) ?? []).filter((x) => x.at >= from && x.at < to);
      return {
        requests: s.length,
        errors: s.filter((x) => x.error).length,
        latencyP99Ms: p99(s.filter((x) => !x.error).map((x) => x.latencyMs)),
        compared: c.length,
        disagreements: c.filter((x) => !x.agree).length,
        labelled: 0,
        metric: null,
      };
    },
    reset(u, m) {
      samples.delete(key(u, m));
      comparisons.delete(key(u, m));
    },
  };
}
