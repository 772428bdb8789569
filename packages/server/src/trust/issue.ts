// Trust issues and events: issue objects with a message in plant words, and the event list that push() returns.
import type { SensorHealth, SensorSpec, TrustIssue, TrustIssueCode, TrustSeverity } from '@shopfloor/contracts';

/**
 * What push(), tick() and close() return: issues that started or finished, and health changes. `at` is
 * the time of the reading or clock tick that raised the event (a stuck issue starts earlier than it is seen).
 */
export type TrustEvent =
  | { type: 'started'; at: number; issue: TrustIssue }
  | { type: 'finished'; at: number; issue: TrustIssue }
  | { type: 'health'; sensor: string; at: number; from: SensorHealth; to: SensorHealth };

/** The shared empty answer of a quiet reading: no allocation on the common path. */
export const NO_EVENTS: readonly TrustEvent[] = Object.freeze([]);

/** Bits a check's push() returns. */
export const STARTED = 1;
export const FINISHED = 2;

const WHAT: Record<TrustIssueCode, string> = {
  OUT_OF_RANGE: 'read outside its physical range',
  STUCK: 'was stuck (no change)',
  SPIKE: 'spiked',
  DROPOUT: 'sent no readings',
  NOISE_CHANGE: 'became noisier than normal',
  DRIFT: 'drifted away from its redundancy group',
  RELATION: 'broke its physical relation',
};

/** A reading as an operator reads it: 4 significant digits and the unit. */
export function formatReading(spec: SensorSpec, v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const text = Math.abs(v) >= 1e4 ? v.toFixed(1) : String(Number(v.toPrecision(4)));
  return spec.unit ? `${text} ${spec.unit}` : text;
}

function iso(t: number): string {
  const d = new Date(t);
  return Number.isFinite(d.getTime()) ? d.toISOString() : String(t);
}

export function issueOf(
  spec: SensorSpec,
  code: TrustIssueCode,
  severity: TrustSeverity,
  from: number,
  to: number | null,
  expected: string,
  received: string,
): TrustIssue {
  const when = to === null ? `since ${iso(from)}` : to === from ? `at ${iso(from)}` : `from ${iso(from)} to ${iso(to)}`;
  const message = `Sensor ${spec.id} on ${spec.asset} ${WHAT[code]} ${when}: expected ${expected}, received ${received}`;
  return { code, sensor: spec.id, from, to, expected, received, severity, message };
}

/**
 * One issue of one kind on one sensor, open or closed. A check owns one and calls start()/finish();
 * the monitor reads `started` / `finished` after a push that returned STARTED / FINISHED.
 */
export class IssueState {
  started: TrustIssue | null = null;
  finished: TrustIssue | null = null;
  open = false;
  from = NaN;

  constructor(
    readonly spec: SensorSpec,
    readonly code: TrustIssueCode,
    readonly severity: TrustSeverity,
  ) {}

  start(from: number, expected: string, received: string): number {
    this.open = true;
    this.from = from;
    this.started = issueOf(this.spec, this.code, this.severity, from, null, expected, received);
    return STARTED;
  }

  finish(to: number, expected: string, received: string): number {
    this.open = false;
    this.finished = issueOf(this.spec, this.code, this.severity, this.from, to, expected, received);
    return FINISHED;
  }
}
