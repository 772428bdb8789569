// Where the next reading is expected: the rolling median of the last K readings, carried forward along the local trend.
//
//   location = median(last n) + slope x (n + 1) / 2      n = readings in the window, MIN_FILL..K
//   slope    = EWMA (weight 1/64) of the steps between readings, each clipped at the baseline's step clip,
//              bias-corrected while young (divided by 1 - (63/64)^steps, at least 1/4: the first few
//              steps alone would make the location as noisy as the readings) so a ramp is followed early
// The median sits (n + 1) / 2 readings in the past; on a ramp (tool wear, an engine near the end of its
// life) it lags by that many steps. The EWMA of steps telescopes, so on pure noise it stays near 0.
import { RollingMedian } from './rolling-median.js';

const SLOPE_WEIGHT = 1 / 64;
/** Readings needed after a restart before a location is given (a counter that resets every 80 readings must not be blind for K). */
const MIN_FILL = 5;

export class SpikeLocation {
  private readonly window: RollingMedian;
  private slope = 0;
  private weight = 0;
  private last = NaN;

  constructor(
    size: number,
    private readonly clip: number,
  ) {
    this.window = new RollingMedian(size);
  }

  get ready(): boolean {
    return this.window.size >= MIN_FILL;
  }

  add(v: number): void {
    const last = this.last;
    if (last === last) {
      const d = v - last;
      this.slope += SLOPE_WEIGHT * ((d > this.clip ? this.clip : d < -this.clip ? -this.clip : d) - this.slope);
      this.weight += SLOPE_WEIGHT * (1 - this.weight);
    }
    this.last = v;
    this.window.add(v);
  }

  /** Restart the window (after a dropout, a level shift or a counter reset); the trend is kept. */
  clear(): void {
    this.window.clear();
    this.last = NaN;
  }

  location(): number {
    const slope = this.slope / (this.weight > 0.25 ? this.weight : 0.25);
    return this.window.median() + (slope * (this.window.size + 1)) / 2;
  }
}
