// Silence on the wall clock: a sensor that stops sending turns untrusted at a tick, history replayed fast is never silent, a resumed sensor is trusted after the quiet period.
import { describe, expect, it } from 'vitest';
import { SensorSpec } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { SilenceWatch } from './live-silence.js';
import { LiveVerdicts } from './live-verdicts.js';

const MINUTE = 60_000;
const spec = SensorSpec.parse({ id: 'mill.torque', asset: 'mill', unit: 'Nm', min: 0, max: 150, samplePeriodMs: MINUTE, resolution: 0.1 });
/** Reading times a minute apart from `from` (epoch ms). */
const times = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i * MINUTE);

describe('silence watch', () => {
  it('turns untrusted at the first tick more than k sample periods (wall clock) after the last arrival, naming when it went quiet', () => {
    const clock = manualClock('2024-05-02T08:00:00.000Z');
    const watch = new SilenceWatch(spec, 3, 10 * MINUTE);
    expect(watch.arrived(clock.now().getTime(), times(Date.UTC(2024, 4, 2, 7, 59), 1))).toBeNull();
    clock.advance(3 * MINUTE);
    expect(watch.tick(clock.now().getTime())).toBeNull(); // exactly k periods: not yet
    clock.advance(1);
    const change = watch.tick(clock.now().getTime());
    expect(change?.state).toBe('untrusted');
    expect(change!.reason).toBe(
      'Sensor mill.torque on mill sent no readings since 2024-05-02T08:00:00.000Z (wall clock; its last reading is stamped 2024-05-02T07:59:00.000Z): expected a reading every 60000 ms (at most 3 periods apart), received none for 180 s',
    );
    clock.advance(MINUTE);
    expect(watch.tick(clock.now().getTime())).toBeNull(); // already silent: no second change
    expect(watch.state).toBe('untrusted');
  });

  it('never flags a plant replaying last week: arrival time counts, not the readings own old timestamps', () => {
    const clock = manualClock('2024-05-09T08:00:00.000Z');
    const watch = new SilenceWatch(spec, 3, 10 * MINUTE);
    const lastWeek = Date.UTC(2024, 4, 2, 0, 0);
    for (let batch = 0; batch < 10; batch++) {
      expect(watch.arrived(clock.now().getTime(), times(lastWeek + batch * 100 * MINUTE, 100))).toBeNull();
      clock.advance(MINUTE);
      expect(watch.tick(clock.now().getTime())).toBeNull();
    }
    expect(watch.state).toBe('trusted');
  });

  it('stays untrusted when readings resume until they span the quiet period (reading time), then is trusted again', () => {
    const clock = manualClock('2024-05-02T08:00:00.000Z');
    const watch = new SilenceWatch(spec, 3, 10 * MINUTE);
    const t0 = Date.UTC(2024, 4, 2, 8, 0);
    watch.arrived(clock.now().getTime(), times(t0, 1));
    clock.advance(30 * MINUTE);
    expect(watch.tick(clock.now().getTime())?.state).toBe('untrusted');
    expect(watch.arrived(clock.now().getTime(), times(t0 + 30 * MINUTE, 5))).toBeNull();
    expect(watch.state).toBe('untrusted');
    const back = watch.arrived(clock.now().getTime(), times(t0 + 35 * MINUTE, 6));
    expect(back?.state).toBe('trusted');
    expect(back!.reason).toContain('sending again since 2024-05-02T08:30:00.000Z (reading time), quiet for 600 s');
  });

  it('a sensor never heard from is not watched', () => {
    expect(new SilenceWatch(spec, 3, MINUTE).tick(Date.UTC(2030, 0, 1))).toBeNull();
  });
});

describe('live verdicts', () => {
  it('shows the worst source, keeps the first reason while another source still holds it, and eases only when all are clear', () => {
    const v = new LiveVerdicts();
    expect(v.report('a', 'relation:a>b', 'suspect', 'relation broken', 1)).toEqual({ sensor: 'a', state: 'suspect', reason: 'relation broken', at: 1 });
    expect(v.report('a', 'silence', 'untrusted', 'silent', 2)).toEqual({ sensor: 'a', state: 'untrusted', reason: 'silent', at: 2 });
    expect(v.report('a', 'own', 'untrusted', 'stuck', 3)).toBeNull();
    expect(v.report('a', 'silence', 'trusted', 'sending again', 4)).toBeNull(); // own still untrusted
    expect(v.report('a', 'own', 'trusted', 'quiet', 5)).toEqual({ sensor: 'a', state: 'suspect', reason: 'relation broken', at: 5 });
    expect(v.report('a', 'relation:a>b', 'trusted', 'quiet again', 6)).toEqual({ sensor: 'a', state: 'trusted', reason: 'quiet again', at: 6 });
    expect(v.state('a')).toBe('trusted');
  });
});
