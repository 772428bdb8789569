// Silence: a sensor that stops sending is turned untrusted by a clock tick, before (and without) its next reading.
//
// "Now" is the wall clock (the injected Clock) and it is compared with the ARRIVAL time of the sensor's
// last reading, never with that reading's own timestamp: readings carry plant time, which may lag, lead
// or be history being replayed (a plant back-filling last week must not be flagged as silent, and a
// sensor whose clock runs an hour late still sends). The limit is the dropout check's k sample periods
// (TrustParams.dropoutPeriods x SensorSpec.samplePeriodMs) of wall time. A sensor is watched from its
// first reading after start-up (arrival times are not stored: one silent since before a restart is
// only seen once it has sent again, or by the trust report's DROPOUT over the stored range). A plant
// that uploads in batches further apart than k periods should raise the sensor's samplePeriodMs.
//
//   sending --tick: now - lastArrival > k periods--> silent (untrusted, DROPOUT reason)
//   silent  --a reading arrives--> resumed (still untrusted; quiet period starts at that reading's time)
//   resumed --a reading quietMs of reading time after the first resumed one--> sending (trusted)
//   resumed --tick finds it silent again--> silent
import type { SensorSpec } from '@shopfloor/contracts';
import type { LiveState } from './live-sensor.js';

export interface SilenceChange {
  state: LiveState;
  reason: string;
}

export class SilenceWatch {
  private lastArrival = Number.NaN;
  private lastTime = Number.NaN;
  /** Reading time of the first reading after a silence (NaN while silent or sending). */
  private resumedAt = Number.NaN;
  private silent = false;
  private maxGapMs: number;

  constructor(
    public spec: SensorSpec,
    private readonly periods: number,
    private readonly quietMs: number,
  ) {
    this.maxGapMs = periods * spec.samplePeriodMs;
  }

  /** A new spec version (its sample period may have changed): the silence state carries over. */
  respec(spec: SensorSpec): void {
    this.spec = spec;
    this.maxGapMs = this.periods * spec.samplePeriodMs;
  }

  get state(): LiveState {
    return this.silent || this.resumedAt === this.resumedAt ? 'untrusted' : 'trusted';
  }

  /** Readings of this sensor arrived at wall time `arrival` (epoch ms); `times` their reading times, ascending. */
  arrived(arrival: number, times: ArrayLike<number>): SilenceChange | null {
    if (times.length === 0) return null;
    this.lastArrival = arrival;
    if (this.silent) {
      this.silent = false;
      this.resumedAt = times[0]!;
    }
    this.lastTime = times[times.length - 1]!;
    if (this.resumedAt === this.resumedAt && this.lastTime - this.resumedAt >= this.quietMs) {
      const since = this.resumedAt;
      this.resumedAt = Number.NaN;
      return { state: 'trusted', reason: `sending again since ${new Date(since).toISOString()} (reading time), quiet for ${Math.round((this.lastTime - since) / 1000)} s; trusted again` };
    }
    return null;
  }

  /** The wall clock reached `now`: untrusted once no reading has arrived for more than k sample periods. */
  tick(now: number): SilenceChange | null {
    if (this.silent || !(now - this.lastArrival > this.maxGapMs)) return null;
    this.silent = true;
    this.resumedAt = Number.NaN;
    const { spec } = this;
    const quietFor = Math.round((now - this.lastArrival) / 1000);
    return {
      state: 'untrusted',
      reason:
        `Sensor ${spec.id} on ${spec.asset} sent no readings since ${new Date(this.lastArrival).toISOString()} (wall clock; its last reading is stamped ${new Date(this.lastTime).toISOString()}): ` +
        `expected a reading every ${spec.samplePeriodMs} ms (at most ${this.maxGapMs / spec.samplePeriodMs} periods apart), received none for ${quietFor} s`,
    };
  }
}
