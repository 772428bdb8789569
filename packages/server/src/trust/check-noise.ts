// Noise change: the rolling step size |v(i) - v(i-1)| (EWMA, each step clipped) against the baseline's, with hysteresis.
//
//   ratio = ewma(min(|step|, clip)) / baseline.meanStep
//   opens above noiseStart (2), closes below noiseEnd (1.5); clipping keeps one spike from looking like noise.
// A collapse of the spread is not reported here: a flat sensor is STUCK.
import type { SensorSpec } from '@shopfloor/contracts';
import type { SensorBaseline } from './baseline.js';
import { IssueState } from './issue.js';
import type { TrustParams } from './params.js';
import { isCounterReset } from './reading-rules.js';

export class NoiseCheck {
  readonly state: IssueState;
  private readonly base: number;
  private readonly clip: number;
  private readonly alpha: number;
  private readonly warmup: number;
  private readonly startRatio: number;
  private readonly endRatio: number;
  private ewma = 0;
  private seen = 0;
  private prev = NaN;
  private lastT = NaN;
  private peak = 0;
  private readonly expected: string;

  constructor(
    readonly spec: SensorSpec,
    baseline: SensorBaseline,
    params: TrustParams,
  ) {
    this.state = new IssueState(spec, 'NOISE_CHANGE', 'warning');
    this.base = baseline.meanStep;
    this.clip = baseline.stepClip;
    this.alpha = params.noiseAlpha;
    this.warmup = Math.ceil(1 / params.noiseAlpha);
    this.startRatio = params.noiseStart;
    this.endRatio = params.noiseEnd;
    const unit = spec.unit ? ` ${spec.unit}` : '';
    this.expected = `a mean step of about ${Number(baseline.meanStep.toPrecision(3))}${unit} (at most ${params.noiseStart}x that)`;
    this.reset();
  }

  push(t: number, v: number): number {
    const prev = this.prev;
    this.prev = v;
    this.lastT = t;
    if (prev !== prev || isCounterReset(this.spec, prev, v)) return 0;
    const step = Math.abs(v - prev);
    this.ewma += this.alpha * ((step < this.clip ? step : this.clip) - this.ewma);
    if (++this.seen < this.warmup) return 0;
    const ratio = this.ewma / this.base;
    if (this.state.open) {
      if (ratio > this.peak) this.peak = ratio;
      return ratio < this.endRatio ? this.close() : 0;
    }
    if (ratio <= this.startRatio) return 0;
    this.peak = ratio;
    return this.state.start(t, this.expected, this.received());
  }

  close(): number {
    return this.state.open ? this.state.finish(this.lastT, this.expected, this.received()) : 0;
  }

  /** After a dropout: the EWMA restarts at the baseline and needs its warm-up again. */
  reset(): number {
    const bits = this.close();
    this.ewma = this.base;
    this.seen = 0;
    this.prev = NaN;
    return bits;
  }

  private received(): string {
    return `${this.peak.toFixed(1)}x the normal step size`;
  }
}
