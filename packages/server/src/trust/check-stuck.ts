// Stuck / flatline: more readings than the sensor's window that stay within half a resolution step of the run's first value.
import type { SensorSpec } from '@shopfloor/contracts';
import { formatReading, IssueState } from './issue.js';

export class StuckCheck {
  readonly state: IssueState;
  private runValue = NaN;
  private runFrom = NaN;
  /** Readings in the current run without change. */
  runLength = 0;
  private lastT = NaN;
  private readonly expected: string;

  /** window: readings without change that make a flatline; tolerance: the largest "no change". */
  constructor(
    readonly spec: SensorSpec,
    readonly window: number,
    readonly tolerance: number,
  ) {
    this.state = new IssueState(spec, 'STUCK', 'critical');
    this.expected = `a change of more than ${formatReading(spec, tolerance)} within ${window} readings`;
  }

  push(t: number, v: number): number {
    let bits = 0;
    if (this.runLength > 0 && Math.abs(v - this.runValue) <= this.tolerance) {
      this.runLength++;
      if (!this.state.open && this.runLength >= this.window) bits = this.state.start(this.runFrom, this.expected, this.received());
    } else {
      bits = this.close();
      this.runValue = v;
      this.runFrom = t;
      this.runLength = 1;
    }
    this.lastT = t;
    return bits;
  }

  close(): number {
    return this.state.open ? this.state.finish(this.lastT, this.expected, this.received()) : 0;
  }

  /** After a dropout the run starts afresh (an open issue is closed at the last reading). */
  reset(): number {
    const bits = this.close();
    this.runLength = 0;
    return bits;
  }

  private received(): string {
    return `${formatReading(this.spec, this.runValue)} for ${this.runLength} readings`;
  }
}
