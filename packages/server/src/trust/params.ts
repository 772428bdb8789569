// The checks' tuning knobs, with defaults chosen on AI4I and C-MAPSS (bench:trust) and stated in one place.

export interface TrustParams {
  /** A gap longer than this many sample periods is a dropout; after it every check starts afresh. */
  dropoutPeriods: number;
  /** Readings in the rolling median a spike is measured against. */
  spikeWindow: number;
  /** Robust z (tail-aware scale fitted on the clean reference) above which a reading is an excursion. */
  spikeZ: number;
  /** An excursion that returns within this many readings is a spike; a longer one is a level shift. */
  spikeMaxSamples: number;
  /** A spike must be this many readings from the excursion before it (else the burst is noise) ... */
  spikeQuiet: number;
  /** ... and is reported after this many calm readings after it (so it is raised that much later). */
  spikeConfirm: number;
  /** ... while the mean step over those readings stays under this many baseline steps (and over the 10 before the excursion, under spikeCalmBeforeRatio) ... */
  spikeCalmRatio: number;
  spikeCalmBeforeRatio: number;
  /** ... and at most spikeBackReadings of them sit above this robust z: the sensor came back to where it was (not a level shift, not noise starting). */
  spikeBackZ: number;
  spikeBackReadings: number;
  /** Stuck needs at least this many readings without change, and at least stuckFactor x the longest clean flat run + 2. */
  stuckMinSamples: number;
  stuckFactor: number;
  /** EWMA weight of the noise check and its start / end ratios to the baseline step size (hysteresis). */
  noiseAlpha: number;
  noiseStart: number;
  noiseEnd: number;
  /** A step larger than this many baseline step sizes counts as this many (a spike does not look like noise). */
  noiseClip: number;
  /** Drift CUSUM on the standardised difference to the group median: clip, slack k and decision level h. */
  driftClip: number;
  driftK: number;
  driftH: number;
  /** Consecutive violating (then clean) frames to open (then close) a relation issue. */
  relationSamples: number;
  /** Clean readings before the health state steps back one level (untrusted -> suspect -> trusted). */
  recoverySamples: number;
}

export const TRUST_DEFAULTS: Readonly<TrustParams> = Object.freeze({
  dropoutPeriods: 3,
  spikeWindow: 15,
  spikeZ: 4.5,
  spikeMaxSamples: 3,
  spikeQuiet: 20,
  spikeConfirm: 10,
  spikeCalmRatio: 1.8,
  spikeCalmBeforeRatio: 2.2,
  spikeBackZ: 2.5,
  spikeBackReadings: 1,
  stuckMinSamples: 8,
  stuckFactor: 1.5,
  noiseAlpha: 1 / 32,
  noiseStart: 2,
  noiseEnd: 1.5,
  noiseClip: 4,
  driftClip: 1.5,
  driftK: 0.5,
  driftH: 10,
  relationSamples: 2,
  recoverySamples: 50,
});
