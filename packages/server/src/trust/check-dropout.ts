// Dropout / stale: no reading for longer than k sample periods, seen at the next reading or, live, at a clock tick.
import type { SensorSpec } from '@shopfloor/contracts';
import { IssueState } from './issue.js';

export class DropoutCheck {
  readonly state: IssueState;
  lastT = NaN;
  /** Whether the last reading came after a gap (the caller then restarts the other checks). */
  gap = false;
  private lastTick = NaN;
  private readonly maxGap: number;
  private readonly expected: string;

  constructor(
    readonly spec: SensorSpec,
    periods: number,
  ) {
    this.state = new IssueState(spec, 'DROPOUT', 'critical');
    this.maxGap = periods * spec.samplePeriodMs;
    this.expected = `a reading every ${spec.samplePeriodMs} ms (at most ${periods} periods apart)`;
  }

  /** Returns the issue bits; `gap` then tells whether the checks must start afresh. */
  push(t: number): number {
    const gapMs = t - this.lastT;
    const last = this.lastT;
    this.lastT = t;
    this.gap = gapMs > this.maxGap;
    if (!this.gap) return 0;
    const received = `no reading for ${gapMs} ms`;
    if (this.state.open) return this.state.finish(t, this.expected, received);
    return this.state.start(last, this.expected, received) | this.state.finish(t, this.expected, received);
  }

  /** The clock says `now`: opens the issue as soon as the sensor is stale, before its next reading. */
  tick(now: number): number {
    this.lastTick = now;
    if (this.state.open || !(now - this.lastT > this.maxGap)) return 0;
    return this.state.start(this.lastT, this.expected, `no reading since ${new Date(this.lastT).toISOString()}`);
  }

  /** End of a batch range while stale: the issue ends at the last clock tick. */
  close(): number {
    return this.state.open ? this.state.finish(this.lastTick, this.expected, `no reading since ${new Date(this.lastT).toISOString()}`) : 0;
  }
}
