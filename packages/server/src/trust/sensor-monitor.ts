// One sensor's checks run in order on each reading (dropout, range, stuck, spike, noise), its group checks, and its health.
import type { SensorSpec } from '@shopfloor/contracts';
import type { SensorBaseline } from './baseline.js';
import type { DriftCheck } from './check-drift.js';
import { DropoutCheck } from './check-dropout.js';
import { NoiseCheck } from './check-noise.js';
import { RangeCheck } from './check-range.js';
import type { RelationCheck } from './check-relation.js';
import { SpikeCheck } from './check-spike.js';
import { StuckCheck } from './check-stuck.js';
import { HealthState } from './health.js';
import { FINISHED, STARTED, type IssueState, type TrustEvent } from './issue.js';
import type { TrustParams } from './params.js';
import { stuckTolerance } from './reading-rules.js';

export type Emit = (event: TrustEvent) => void;

export class SensorMonitor {
  readonly dropout: DropoutCheck;
  readonly range: RangeCheck;
  readonly stuck: StuckCheck | null;
  readonly spike: SpikeCheck;
  readonly noise: NoiseCheck;
  drift: DriftCheck | null = null;
  relation: RelationCheck | null = null;
  readonly health: HealthState;
  /** The last reading is in range (usable by relation checks). */
  valid = false;
  /** Flat for this many readings: hold a drift alarm back (see DriftCheck.push). */
  private readonly flatHold: number;
  /** Severity of an issue that started and finished on this reading (a spike): 1 = warning. */
  private instant = 0;

  constructor(
    readonly spec: SensorSpec,
    baseline: SensorBaseline,
    params: TrustParams,
    private readonly emit: Emit,
    /** The time of the reading or tick being processed (the events' `at`). */
    private readonly now: () => number,
  ) {
    this.dropout = new DropoutCheck(spec, params.dropoutPeriods);
    this.range = new RangeCheck(spec);
    const window = Math.max(params.stuckMinSamples, Math.ceil(params.stuckFactor * baseline.longestFlatRun) + 2);
    this.stuck = spec.constantByDesign ? null : new StuckCheck(spec, window, stuckTolerance(spec));
    this.spike = new SpikeCheck(spec, baseline, params);
    this.noise = new NoiseCheck(spec, baseline, params);
    this.health = new HealthState(params.recoverySamples);
    this.flatHold = params.stuckMinSamples;
  }

  /** Whether the sensor has been flat long enough that a disagreement with its group may be it sticking. */
  get flat(): boolean {
    return this.stuck !== null && this.stuck.runLength >= this.flatHold;
  }

  get lastT(): number {
    return this.dropout.lastT;
  }

  /** Runs the sensor's own checks on one reading; the caller has made sure t is after the last reading. */
  push(t: number, v: number): void {
    this.instant = 0;
    this.take(this.dropout.state, this.dropout.push(t));
    if (this.dropout.gap) this.restart();
    this.take(this.range.state, this.range.push(t, v));
    this.valid = !this.range.outside;
    if (this.valid) {
      if (this.stuck) {
        const bits = this.stuck.push(t, v);
        // Back from a flatline: the stuck readings are no reference for the next one.
        if (bits & FINISHED) this.spike.reset();
        this.take(this.stuck.state, bits);
      }
      this.spike.muted = this.noise.state.open;
      this.take(this.spike.state, this.spike.push(t, v));
      this.take(this.noise.state, this.noise.push(t, v));
    }
    this.observeHealth(t, this.level());
  }

  /** Whether this reading may feed the group (drift) check: in range, not in an excursion, no other issue open. */
  get groupUsable(): boolean {
    return (
      this.valid &&
      this.spike.excursion === 0 &&
      !this.dropout.state.open &&
      !(this.stuck?.state.open ?? false) &&
      !this.noise.state.open &&
      !(this.relation?.state.open ?? false)
    );
  }

  /** Whether this reading counts in the group median: usable and not itself drifting (a drifting member has no vote). */
  get groupVotes(): boolean {
    return this.groupUsable && !(this.drift?.state.open ?? false);
  }

  tick(now: number): void {
    const bits = this.dropout.tick(now);
    if (bits) {
      this.take(this.dropout.state, bits);
      this.observeHealth(now, 2);
    }
  }

  /** Ends every open issue at its last affected reading (end of a batch range). */
  close(): void {
    this.take(this.dropout.state, this.dropout.close());
    this.take(this.range.state, this.range.close());
    if (this.stuck) this.take(this.stuck.state, this.stuck.close());
    this.take(this.noise.state, this.noise.close());
    if (this.drift) this.take(this.drift.state, this.drift.close());
    if (this.relation) this.take(this.relation.state, this.relation.close());
  }

  /** Emits a check's events; a group check calls this too, then observeHealth for the escalation. */
  take(state: IssueState, bits: number): void {
    if (bits === 0) return;
    if (bits & STARTED) {
      this.emit({ type: 'started', at: this.now(), issue: state.started! });
      if (state.severity === 'warning') this.instant = 1;
      if (state.code !== 'DRIFT') this.drift?.reset();
    }
    if (bits & FINISHED) this.emit({ type: 'finished', at: this.now(), issue: state.finished! });
  }

  observeHealth(t: number, level: number): void {
    const before = this.health.name;
    if (this.health.observe(level)) this.emit({ type: 'health', sensor: this.spec.id, at: t, from: before, to: this.health.name });
  }

  /** 2 when a critical issue is open, 1 for a warning (open or on this reading), else 0. */
  level(): number {
    if (this.range.state.open || this.dropout.state.open || this.stuck?.state.open || this.drift?.state.open || this.relation?.state.open) return 2;
    return this.noise.state.open || this.instant > 0 ? 1 : 0;
  }

  /** After a dropout every check starts afresh: the level may have moved while the sensor was silent. */
  private restart(): void {
    if (this.stuck) this.take(this.stuck.state, this.stuck.reset());
    this.spike.reset();
    this.take(this.noise.state, this.noise.reset());
    this.drift?.reset();
  }
}
