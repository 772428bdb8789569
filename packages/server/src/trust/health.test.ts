// Health with hysteresis: worse at once, better only after clean readings, and no flapping on an alternating sensor.
import { describe, expect, it } from 'vitest';
import { fitBaseline } from './baseline.js';
import { gaussian, spec, T0, timesFor } from './checks-fixtures-suite.js';
import { HealthState } from './health.js';
import { createTrustMonitor } from './monitor.js';

describe('HealthState', () => {
  it('escalates at once and steps back one level per N clean readings', () => {
    const h = new HealthState(3);
    const names = [2, 0, 0, 0, 0, 0, 1, 0, 0, 0].map((level) => (h.observe(level), h.name));
    expect(names).toEqual(['untrusted', 'untrusted', 'untrusted', 'suspect', 'suspect', 'suspect', 'suspect', 'suspect', 'suspect', 'trusted']);
  });
});

describe('sensor health in the monitor', () => {
  const s = spec({ id: 'torque', unit: 'Nm', min: 0, max: 100 });
  const baselines = { torque: fitBaseline(timesFor(2000), gaussian(2000, 50, 1, 31), s) };

  it('does not flap on a sensor alternating between out of range and in range', () => {
    const monitor = createTrustMonitor([s], { baselines });
    const v = gaussian(600, 50, 1, 32);
    for (let i = 100; i < 300; i += 4) v[i] = 150; // out of range every 4th reading for 200 readings
    const changes: string[] = [];
    for (let i = 0; i < v.length; i++)
      for (const e of monitor.push(0, T0 + i * 1000, v[i]!)) if (e.type === 'health') changes.push(`${(e.at - T0) / 1000}:${e.from}->${e.to}`);
    // 50 clean readings after the last bad one (296) to suspect, 50 more to trusted.
    expect(changes).toEqual(['100:trusted->untrusted', '346:untrusted->suspect', '396:suspect->trusted']);
  });

  it('marks a sensor suspect after a spike and trusted again after clean readings', () => {
    const monitor = createTrustMonitor([s], { baselines });
    const v = gaussian(400, 50, 1, 33);
    v[200] = 70;
    const health: string[] = [];
    for (let i = 0; i < v.length; i++) {
      monitor.push(0, T0 + i * 1000, v[i]!);
      if (health.at(-1) !== monitor.health(0)) health.push(monitor.health(0));
    }
    expect(health).toEqual(['trusted', 'suspect', 'trusted']);
  });
});
