// Aligns the readings of several sensors by time into frames, for checks that compare sensors (drift, relation).
//
// A frame is complete when every member has a reading at time t, or is cut short when a member's
// reading for a later time arrives first (the missing members are left out of that frame). Readings
// of one time must therefore arrive together, in any order of sensors.
export class FrameGroup {
  readonly values: Float64Array;
  readonly present: Uint8Array;
  private count = 0;
  /** Bit mask of the members that voted in the last evaluated frame (-1 before the first); kept by the evaluator. */
  voters = -1;
  private frameT = NaN;

  /** members: sensor indexes in the monitor; evaluate(t) runs on each finished frame. */
  constructor(
    readonly members: readonly number[],
    private readonly evaluate: (t: number, group: FrameGroup) => void,
  ) {
    this.values = new Float64Array(members.length);
    this.present = new Uint8Array(members.length);
  }

  push(member: number, t: number, v: number): void {
    if (t !== this.frameT) {
      if (this.count > 0) this.flush();
      this.frameT = t;
    }
    if (this.present[member] === 1) return;
    this.present[member] = 1;
    this.values[member] = v;
    if (++this.count === this.members.length) this.flush();
  }

  private flush(): void {
    const t = this.frameT;
    this.evaluate(t, this);
    this.present.fill(0);
    this.count = 0;
  }
}
