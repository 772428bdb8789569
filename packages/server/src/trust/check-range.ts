// Out of range: a reading outside the sensor's physical range (or not a number) opens an issue until a reading is back in range.
import type { SensorSpec } from '@shopfloor/contracts';
import { formatReading, IssueState } from './issue.js';

export class RangeCheck {
  readonly state: IssueState;
  /** Whether the last reading was outside the range (the other checks skip such readings). */
  outside = false;
  private worst = NaN;
  private lastBad = NaN;
  private readonly expected: string;

  constructor(readonly spec: SensorSpec) {
    this.state = new IssueState(spec, 'OUT_OF_RANGE', 'critical');
    this.expected = `${formatReading(spec, spec.min)} to ${formatReading(spec, spec.max)}`;
  }

  push(t: number, v: number): number {
    const s = this.spec;
    this.outside = !(v >= s.min && v <= s.max);
    if (this.outside) {
      this.lastBad = t;
      if (this.state.open) {
        // The farthest reading is the worst; a number beats a NaN (which says less about the fault).
        if (v === v && !(this.distance(v) <= this.distance(this.worst))) this.worst = v;
        return 0;
      }
      this.worst = v;
      return this.state.start(t, this.expected, formatReading(s, v));
    }
    return this.state.open ? this.close() : 0;
  }

  close(): number {
    return this.state.open ? this.state.finish(this.lastBad, this.expected, formatReading(this.spec, this.worst)) : 0;
  }

  private distance(v: number): number {
    return v > this.spec.max ? v - this.spec.max : this.spec.min - v;
  }
}
