import { it } from 'vitest';
import { SensorSpec } from '@shopfloor/contracts';
import { newId } from './ids.js';
import { openTestStore } from './test-store.js';
for (const backend of ['sqlite', 'postgres'] as const) {
it(`perf ${backend}`, async () => {
  const t = await openTestStore(backend);
  const store = t.store;
  const user = { id: newId('usr'), name: 'e', role: 'engineer' as const, createdAt: '2024-01-01T00:00:00.000Z' };
  await store.users.insert(user);
  await store.sensors.put(SensorSpec.parse({ id: 's', asset: 'a', min: -10, max: 10, samplePeriodMs: 1000 }), user.createdAt, user.id);
  const base = Date.UTC(2025, 0, 1);
  let t0 = performance.now();
  for (let c = 0; c < 5; c++) {
    const rows = Array.from({ length: 200000 }, (_, i) => { const k = c * 200000 + i; return { sensor: 's', time: base + k * 1000, value: Math.sin(k / 1000) }; });
    await store.transaction((tx) => tx.readings.insertMany(rows));
  }
  const out: string[] = [`${backend} insert 1M (with rollups) ${(performance.now() - t0).toFixed(0)} ms`];
  const span = 1_000_000_000;
  for (const frac of [1, 1, 0.5, 0.25, 0.125, 1 / 16, 1 / 64]) {
    t0 = performance.now(); const b = await store.readings.buckets('s', base, base + span * frac - 1, 1600);
    out.push(`window ${frac} buckets ${b.index.length} readings ${b.count.reduce((a, x) => a + x, 0)}: ${(performance.now() - t0).toFixed(0)} ms`);
  }
  console.log(out.join('\n'));
  await t.cleanup();
}, 300_000);
}
