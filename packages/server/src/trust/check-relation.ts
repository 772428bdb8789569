// Physical relation: this sensor must stay above (or below) another by a margin, e.g. process above air temperature.
import type { SensorRelation, SensorSpec } from '@shopfloor/contracts';
import { formatReading, IssueState } from './issue.js';

export class RelationCheck {
  readonly state: IssueState;
  private bad = 0;
  private good = 0;
  private firstBad = NaN;
  private lastBad = NaN;
  private worstV = NaN;
  private worstOther = NaN;
  private worstGap = Infinity;
  private readonly sign: number;
  private readonly expected: string;

  /** samples: consecutive violating readings to open, and consecutive good ones to close. */
  constructor(
    readonly spec: SensorSpec,
    readonly relation: SensorRelation,
    readonly samples: number,
  ) {
    this.state = new IssueState(spec, 'RELATION', 'critical');
    this.sign = relation.kind === 'greater-than' ? 1 : -1;
    const word = relation.kind === 'greater-than' ? 'above' : 'below';
    this.expected = `${spec.id} at least ${formatReading(spec, relation.margin)} ${word} ${relation.other}`;
  }

  /** v: this sensor's reading, other: the related sensor's reading at the same time t. */
  push(t: number, v: number, other: number): number {
    const gap = this.sign * (v - other) - this.relation.margin;
    if (gap < 0) {
      this.good = 0;
      if (this.bad === 0) this.firstBad = t;
      this.bad++;
      this.lastBad = t;
      if (gap < this.worstGap || this.bad === 1) this.note(v, other, gap);
      if (!this.state.open && this.bad >= this.samples) return this.state.start(this.firstBad, this.expected, this.received());
      return 0;
    }
    this.bad = 0;
    if (!this.state.open) return 0;
    return ++this.good >= this.samples ? this.close() : 0;
  }

  close(): number {
    this.good = 0;
    return this.state.open ? this.state.finish(this.lastBad, this.expected, this.received()) : 0;
  }

  private note(v: number, other: number, gap: number): void {
    this.worstV = v;
    this.worstOther = other;
    this.worstGap = gap;
  }

  private received(): string {
    return `${formatReading(this.spec, this.worstV)} against ${this.relation.other} at ${formatReading(this.spec, this.worstOther)}`;
  }
}
