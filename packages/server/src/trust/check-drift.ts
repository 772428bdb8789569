// Drift / bias: a two-sided CUSUM on the sensor's difference to its redundancy group's median, standardised and clipped.
//
//   z   = clip((d - centre) / scale, -c, c)      d = reading - median(group readings at the same time)
//   up  = min(2h, max(0, up + z - k))            down likewise with -z
//   opens when up or down > h; closes when both are back to 0.
// Clipping makes the sum count agreement in sign: extra noise or a single spike cannot push it
// over h, a steady bias of even half a scale does (after about h / (z - k) readings).
import type { SensorSpec } from '@shopfloor/contracts';
import { formatReading, IssueState } from './issue.js';
import type { TrustParams } from './params.js';

/** The clean difference to the group median: its centre and robust scale (from fitGroupBaseline). */
export interface DifferenceBaseline {
  center: number;
  scale: number;
}

export class DriftCheck {
  readonly state: IssueState;
  private up = 0;
  private down = 0;
  private lastT = NaN;
  private worst = 0;
  private readonly clip: number;
  private readonly k: number;
  private readonly h: number;
  private readonly expected: string;

  constructor(
    readonly spec: SensorSpec,
    readonly baseline: DifferenceBaseline,
    params: TrustParams,
  ) {
    this.state = new IssueState(spec, 'DRIFT', 'critical');
    this.clip = params.driftClip;
    this.k = params.driftK;
    this.h = params.driftH;
    this.expected = `within about ${formatReading(spec, 3 * baseline.scale)} of its group's median`;
  }

  /**
   * d: this sensor's reading minus the group median at time t. hold: keep adding up the evidence but
   * do not open yet (the sensor has been flat for a while: a stuck sensor also disagrees with its group,
   * and STUCK is the finding that names the cause).
   */
  push(t: number, d: number, hold = false): number {
    this.lastT = t;
    const dev = d - this.baseline.center;
    let z = dev / this.baseline.scale;
    z = z > this.clip ? this.clip : z < -this.clip ? -this.clip : z;
    const cap = 2 * this.h;
    this.up = Math.min(cap, Math.max(0, this.up + z - this.k));
    this.down = Math.min(cap, Math.max(0, this.down - z - this.k));
    if (this.state.open) {
      if (Math.abs(dev) > Math.abs(this.worst)) this.worst = dev;
      return this.up === 0 && this.down === 0 ? this.close() : 0;
    }
    if (hold || (this.up <= this.h && this.down <= this.h)) return 0;
    this.worst = dev;
    return this.state.start(t, this.expected, this.received());
  }

  close(): number {
    return this.state.open ? this.state.finish(this.lastT, this.expected, this.received()) : 0;
  }

  /** Forget the evidence (another issue explains the readings, or the sensor restarted after a dropout). */
  reset(): void {
    if (!this.state.open) this.up = this.down = 0;
  }

  private received(): string {
    return `${formatReading(this.spec, this.worst)} away from the group median (beyond the usual ${formatReading(this.spec, this.baseline.center)})`;
  }
}
