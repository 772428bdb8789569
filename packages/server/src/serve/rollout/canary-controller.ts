// The canary controller: a pure function of (canary state, the current step's window, clock, gate) to the next action.
//
//   step 0 (5%) ──window passes──▶ step 1 (25%) ──▶ step 2 (50%) ──▶ step 3 (100%) ──passes + gate──▶ promote
//        └───────────── any rule fails once minRequests rows are in ─────────────▶ roll back
import type { CanaryState } from '@shopfloor/contracts';

/** What the prediction log shows for the challenger since the current step began. */
export interface CanaryWindow {
  /** Rows the challenger was asked to answer. */
  requests: number;
  /** Of those, rows it failed on (the champion answered instead). */
  errors: number;
  latencyP99Ms: number | null;
  /** Rows the champion also scored (as a shadow), and how many of those it decided otherwise. */
  compared: number;
  disagreements: number;
  /** Rows with a known outcome, and the metric of both on those rows (higher is better). */
  labelled: number;
  metric: { name: string; champion: number; challenger: number } | null;
}

export type CanaryAction =
  | { kind: 'wait'; note: string }
  | { kind: 'advance'; step: number; share: number; note: string }
  | { kind: 'rollback'; note: string; failed: string[] }
  | { kind: 'promote'; note: string }
  | { kind: 'hold'; note: string };

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The rules that fail on this window (empty when all pass); each in plant words with the figures. */
export function failedRules(state: CanaryState, w: CanaryWindow): string[] {
  const failed: string[] = [];
  const errorRate = w.requests === 0 ? 0 : w.errors / w.requests;
  if (errorRate > state.maxErrorRate) failed.push(`error rate ${pct(errorRate)} over ${pct(state.maxErrorRate)} (${w.errors} of ${w.requests} rows)`);
  if (w.latencyP99Ms !== null && w.latencyP99Ms > state.maxLatencyP99Ms) failed.push(`latency p99 ${w.latencyP99Ms.toFixed(1)} ms over ${state.maxLatencyP99Ms} ms`);
  if (w.compared > 0) {
    const disagreement = w.disagreements / w.compared;
    if (disagreement > state.maxDisagreement) failed.push(`disagreement with the champion ${pct(disagreement)} over ${pct(state.maxDisagreement)} (${w.disagreements} of ${w.compared} rows)`);
  }
  if (w.metric !== null && w.labelled >= state.minLabelled) {
    const drop = w.metric.champion - w.metric.challenger;
    if (drop > state.maxMetricDrop) failed.push(`${w.metric.name} ${w.metric.challenger.toFixed(3)} is ${drop.toFixed(3)} below the champion's ${w.metric.champion.toFixed(3)} on ${w.labelled} labelled rows`);
  }
  return failed;
}

/**
 * Rules are judged as soon as the step has `minRequests` rows (a bad challenger is rolled back without
 * waiting for the window to end); a step advances only when its window has passed with enough rows and
 * every rule holding. After the last step the challenger is promoted only with a passing gate record.
 */
export function decideCanary(state: CanaryState, w: CanaryWindow, now: Date, gatePassed: boolean): CanaryAction {
  const share = state.steps[state.step] ?? 1;
  if (w.requests >= state.minRequests) {
    const failed = failedRules(state, w);
    if (failed.length > 0) return { kind: 'rollback', note: `rolled back at ${pct(share)}: ${failed.join('; ')}`, failed };
  }
  const endsAt = Date.parse(state.stepStartedAt) + state.windowMinutes * 60_000;
  if (now.getTime() < endsAt) return { kind: 'wait', note: `step ${state.step + 1} of ${state.steps.length} at ${pct(share)}: ${w.requests} rows so far, judged at ${new Date(endsAt).toISOString()}` };
  if (w.requests < state.minRequests) return { kind: 'wait', note: `step ${state.step + 1} at ${pct(share)}: only ${w.requests} of ${state.minRequests} rows needed to judge it` };
  const last = state.step >= state.steps.length - 1;
  if (!last) {
    const next = state.step + 1;
    return { kind: 'advance', step: next, share: state.steps[next]!, note: `step ${state.step + 1} passed on ${w.requests} rows; now ${pct(state.steps[next]!)}` };
  }
  if (!gatePassed) return { kind: 'hold', note: `every step passed, but no passing gate record exists for this version: run the gate, the canary stays at ${pct(share)}` };
  return { kind: 'promote', note: `every step passed (last on ${w.requests} rows) and the gate passed: promoted to champion` };
}
