// Spike: an isolated reading far from the rolling median (robust z on tail-aware scales) that comes back within a few readings.
//
//   z = (v - location - centre) / (up or down scale)     location: see spike-location.ts
//
//   z:   . . . 7 9 . . . . . .  -> excursion of 2 readings that came back and stayed calm for
//                                  spikeConfirm readings: SPIKE (from the 7 to the 9)
//   z:   . . . 7 8 9 9 8 ...    -> longer than spikeMaxSamples: a level shift, not a spike; the window
//                                  restarts at the new level
//   z:   . 6 . . 8 . 5 . . .    -> excursions closer than spikeQuiet readings: a burst, which is noise
//                                  (NOISE_CHANGE), not a row of spikes
// "Calm" also means: the mean step over the CALM_BEFORE readings before the excursion stays under
// spikeCalmBeforeRatio x the baseline step, over the spikeConfirm readings after it under
// spikeCalmRatio x the baseline step, and at most spikeBackReadings of those after it sit above
// spikeBackZ (the sensor jumped away and came back to where it was). The first outlier of a noisy
// stretch, or of a level shift whose readings straddle the threshold, is not reported as a spike.
// A drop to the bottom of a counter's range (counterResets) is judged as an excursion too: one that
// comes straight back is a spike; one that stays is the counter starting again (the window restarts).
// Excursion readings never enter the window, so a spike does not move the median it is measured against.
import type { SensorSpec } from '@shopfloor/contracts';
import type { SensorBaseline } from './baseline.js';
import { formatReading, IssueState } from './issue.js';
import type { TrustParams } from './params.js';
import { isCounterReset } from './reading-rules.js';
import { SpikeLocation } from './spike-location.js';

const CALM_BEFORE = 10;

export class SpikeCheck {
  readonly state: IssueState;
  private readonly window: SpikeLocation;
  private readonly center: number;
  private readonly up: number;
  private readonly down: number;
  private readonly z: number;
  private readonly maxLength: number;
  private prev = NaN;
  /** Readings in the current excursion (0 = none): the monitor keeps them out of the group checks. */
  excursion = 0;
  private exFrom = NaN;
  private exLast = NaN;
  private exPeak = NaN;
  private exPeakZ = 0;
  private exMedian = NaN;
  /** Readings since the last excursion ended; a spike is reported only when isolated on both sides. */
  private sinceExcursion = 0;
  private readonly quiet: number;
  private readonly confirm: number;
  /** Readings still to wait before a returned excursion is reported (0 = nothing pending). */
  private pending = 0;
  private pendingSteps = 0;
  private readonly meanStep: number;
  private readonly stepClip: number;
  private readonly calm: number;
  private readonly calmBefore: number;
  /** Set by the monitor while the sensor is flagged noisy: outliers then belong to that finding. */
  muted = false;
  /** Whether the current excursion began at least spikeQuiet readings after the previous one. */
  private isolated = false;
  /** Whether the current excursion began with a counter reset (if it lasts, the counter restarted: no burst). */
  private exReset = false;
  private readonly backZ: number;
  private readonly backAllowed: number;
  /** Readings after the excursion above backZ so far. */
  private backCount = 0;
  /** The last CALM_BEFORE clipped steps (ring), their sum, and the sum when the excursion began. */
  private readonly recentSteps = new Float64Array(CALM_BEFORE);
  private recentAt = 0;
  private recentSum = 0;
  private stepsBefore = 0;

  constructor(
    readonly spec: SensorSpec,
    baseline: SensorBaseline,
    params: TrustParams,
  ) {
    this.state = new IssueState(spec, 'SPIKE', 'warning');
    this.window = new SpikeLocation(params.spikeWindow, baseline.stepClip);
    this.center = baseline.residualCenter;
    this.up = baseline.residualUp;
    this.down = baseline.residualDown;
    this.z = params.spikeZ;
    this.maxLength = params.spikeMaxSamples;
    this.quiet = params.spikeQuiet;
    this.confirm = params.spikeConfirm;
    this.meanStep = baseline.meanStep;
    this.stepClip = baseline.stepClip;
    this.calm = params.spikeCalmRatio;
    this.calmBefore = params.spikeCalmBeforeRatio;
    this.backZ = params.spikeBackZ;
    this.backAllowed = params.spikeBackReadings;
    this.recentSteps.fill(baseline.meanStep);
    this.recentSum = CALM_BEFORE * baseline.meanStep;
    this.sinceExcursion = this.quiet;
  }

  push(t: number, v: number): number {
    const prev = this.prev;
    this.prev = v;
    const counterReset = isCounterReset(this.spec, prev, v);
    // The counter restarts while a spike waits for its calm readings: judge it on those seen so far.
    let judged = 0;
    if (counterReset && this.pending > 0) {
      const seen = this.confirm - this.pending;
      this.pending = 0;
      if (2 * seen >= this.confirm) judged = this.judge(seen);
    }
    if (counterReset && (this.excursion > 0 || !this.window.ready)) {
      this.reset();
      this.window.add(v);
      return 0;
    }
    if (!this.window.ready) {
      this.window.add(v);
      return 0;
    }
    const med = this.window.location();
    const r = v - med - this.center;
    const z = r >= 0 ? r / this.up : -r / this.down;
    if (counterReset && !(z > this.z)) {
      this.reset();
      this.window.add(v);
      return judged;
    }
    if (z > this.z) {
      if (this.excursion === 0) {
        this.pending = 0;
        this.stepsBefore = this.recentSum;
        this.isolated = this.sinceExcursion >= this.quiet;
        this.exFrom = t;
        this.exPeakZ = 0;
        this.exMedian = med;
        this.exReset = counterReset;
      }
      this.excursion++;
      this.exLast = t;
      if (z > this.exPeakZ) {
        this.exPeakZ = z;
        this.exPeak = v;
      }
      if (this.excursion > this.maxLength) {
        this.reset();
        if (!this.exReset) this.sinceExcursion = 0;
        this.window.add(v);
      }
      return judged;
    }
    this.window.add(v);
    if (this.excursion === 0) this.noteStep(v, prev);
    if (this.excursion > 0) {
      this.excursion = 0;
      this.sinceExcursion = 0;
      this.pending = this.isolated ? this.confirm : 0;
      this.pendingSteps = 0;
      this.backCount = z > this.backZ ? 1 : 0;
      if (this.pending > 0) return 0;
    }
    this.sinceExcursion++;
    if (this.pending === 0) return 0;
    if (z > this.backZ) this.backCount++;
    const step = Math.abs(v - prev);
    this.pendingSteps += step < this.stepClip ? step : this.stepClip;
    if (--this.pending > 0) return 0;
    return this.judge(this.confirm);
  }

  /** The excursion that came back, after `seen` readings: SPIKE when isolated and calm on both sides (and not muted). */
  private judge(seen: number): number {
    if (this.muted) return 0;
    if (this.stepsBefore > this.calmBefore * CALM_BEFORE * this.meanStep || this.pendingSteps > this.calm * seen * this.meanStep || this.backCount > this.backAllowed) return 0;
    const expected = `about ${formatReading(this.spec, this.exMedian + this.center)} (robust z at most ${this.z})`;
    const received = `${formatReading(this.spec, this.exPeak)} (z = ${this.exPeakZ.toFixed(1)})`;
    return this.state.start(this.exFrom, expected, received) | this.state.finish(this.exLast, expected, received);
  }

  /** Keeps the last CALM_BEFORE clipped steps between calm readings (a missing previous reading counts as a normal step). */
  private noteStep(v: number, prev: number): void {
    const d = Math.abs(v - prev);
    const step = d === d ? (d < this.stepClip ? d : this.stepClip) : this.meanStep;
    this.recentSum += step - this.recentSteps[this.recentAt]!;
    this.recentSteps[this.recentAt] = step;
    this.recentAt = (this.recentAt + 1) % CALM_BEFORE;
  }

  /** Starts afresh (after a dropout, a level shift or a counter reset): the window refills first. */
  reset(): void {
    this.window.clear();
    this.excursion = 0;
    this.pending = 0;
  }
}
