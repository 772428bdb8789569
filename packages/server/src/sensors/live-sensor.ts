// One sensor's live trust: its own trust monitor (baseline from its recent stored readings) and when serving must stop, or may again, read it.
//
//   trusted --a critical finding is open after a reading--> untrusted   (reason: that finding's message)
//   untrusted --no critical finding open for quietMs of reading time--> trusted
//   (a finding during the quiet period restarts it; warnings such as a single spike never turn a sensor)
//
// Only the sensor's own checks run here (range, stuck, spike, dropout, noise change): drift against a
// redundancy group and physical relations run in a monitor per group or pair (live-group.ts), and
// silence between readings is watched on the wall clock (live-silence.ts).
import { SensorSpec as SensorSpecSchema, type SensorHealth, type SensorSpec, type TrustIssue, type TrustIssueCode } from '@shopfloor/contracts';
import { createTrustMonitor, fitBaseline, stuckTolerance, TRUST_DEFAULTS, type TrustMonitor, type TrustParams } from '../trust/index.js';

/** A sensor's own checks only turn it trusted or untrusted; `suspect` comes from a relation nobody can be blamed for (live-group.ts). */
export type LiveState = SensorHealth;

export interface LiveSensorOptions {
  /** Reading time without an open critical finding before an untrusted sensor is trusted again (ms). */
  quietMs: number;
  /** Fewest usable history readings a baseline is fitted on; with fewer the sensor is not checked yet. */
  minBaselineReadings: number;
  params?: Partial<TrustParams>;
}

export interface LiveChange {
  sensor: string;
  state: LiveState;
  /** The finding that turned the sensor untrusted, or how long it has been quiet. */
  reason: string;
  /** Reading time (epoch ms) of the change. */
  at: number;
}

export interface ReadingSeries {
  times: Float64Array;
  values: Float64Array;
}

/** The spec the per-sensor monitor runs: without the group and relation, which name other sensors. */
function ownChecksSpec(spec: SensorSpec): SensorSpec {
  return SensorSpecSchema.parse({ ...spec, redundancyGroup: undefined, relation: undefined });
}

export class LiveSensor {
  state: LiveState = 'trusted';
  reason: string | null = null;
  private readonly monitor: TrustMonitor;
  /** Critical issues open now, by code. */
  private readonly open = new Map<TrustIssueCode, TrustIssue>();
  /** Reading time of the last reading with a critical issue open. */
  private lastFinding = Number.NaN;
  private lastT = Number.NaN;

  private constructor(
    readonly spec: SensorSpec,
    monitor: TrustMonitor,
    private readonly quietMs: number,
  ) {
    this.monitor = monitor;
  }

  /**
   * Fits the baseline on `history` (the sensor's last stored readings, time order) and replays it, so the
   * checks start warm and a sensor stuck since before a restart is untrusted at once. Null when the
   * history is too short or too irregular to fit a baseline on: the sensor is not checked yet.
   */
  static fromHistory(spec: SensorSpec, history: ReadingSeries, options: LiveSensorOptions): { sensor: LiveSensor; change: LiveChange | null } | null {
    if (history.times.length < options.minBaselineReadings) return null;
    const own = ownChecksSpec(spec);
    const params = { ...TRUST_DEFAULTS, ...options.params };
    // A flat run at the end is left out of the fit (it would lengthen the stuck window past itself).
    const end = own.constantByDesign ? history.times.length : fitEnd(history.values, stuckTolerance(own), params.stuckMinSamples);
    if (end < options.minBaselineReadings) return null;
    let baseline;
    try {
      baseline = fitBaseline(history.times.subarray(0, end), history.values.subarray(0, end), own, params);
    } catch {
      return null; // fewer than 20 clean readings in a row: wait for more
    }
    if (baseline.readings < options.minBaselineReadings) return null;
    const monitor = createTrustMonitor([own], { baselines: { [own.id]: baseline }, params });
    const sensor = new LiveSensor(spec, monitor, options.quietMs);
    return { sensor, change: sensor.pushAll(history) };
  }

  /** Feeds readings in time order; the net change of state over them, or null. */
  pushAll(series: ReadingSeries): LiveChange | null {
    const before = this.state;
    let last: LiveChange | null = null;
    for (let i = 0; i < series.times.length; i++) last = this.push(series.times[i]!, series.values[i]!) ?? last;
    return last !== null && last.state !== before ? last : null;
  }

  /** One reading; the change of state it caused, or null. A reading not after the last one is ignored. */
  push(t: number, v: number): LiveChange | null {
    if (!(t > this.lastT) && this.lastT === this.lastT) return null;
    this.lastT = t;
    const events = this.monitor.push(0, t, v);
    let newest: TrustIssue | null = null;
    for (const e of events) {
      if (e.type === 'started' && e.issue.severity === 'critical') {
        this.open.set(e.issue.code, e.issue);
        newest = e.issue;
      } else if (e.type === 'finished') this.open.delete(e.issue.code);
    }
    if (this.open.size > 0) {
      this.lastFinding = t;
      if (this.state === 'untrusted') return null;
      const issue = newest !== null && this.open.has(newest.code) ? newest : [...this.open.values()].at(-1)!;
      return this.turn('untrusted', issue.message, t);
    }
    if (this.state === 'untrusted' && t - this.lastFinding >= this.quietMs) {
      const quiet = `no critical finding for ${formatDuration(t - this.lastFinding)} (since ${new Date(this.lastFinding).toISOString()}); trusted again`;
      return this.turn('trusted', quiet, t);
    }
    return null;
  }

  private turn(state: LiveState, reason: string, at: number): LiveChange {
    this.state = state;
    this.reason = reason;
    return { sensor: this.spec.id, state, reason, at };
  }
}

/** Where the history's trailing flat run starts when it is at least minRun readings long, else its length. */
function fitEnd(values: Float64Array, tolerance: number, minRun: number): number {
  const n = values.length;
  const last = values[n - 1]!;
  let start = n - 1;
  while (start > 0 && Math.abs(values[start - 1]! - last) <= tolerance) start--;
  return n - start >= minRun ? start : n;
}

function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
