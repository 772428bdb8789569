// The monitor facade without HTTP: drift checks raise one alert per drifting input while it stays open, and a broker that is down never blocks a prediction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@shopfloor/contracts';
import { ensureAdmin } from './access/index.js';
import { manualClock, type ManualClock } from './clock.js';
import { loadConfig } from './config.js';
import { openShopfloor, type Shopfloor } from './shopfloor.js';
import { openTestStore, type TestStore } from './store/index.js';

/** A press line with a time column: torque and temperature drive failures; readings every minute. */
function pressCsv(rows: number): string {
  let s = 4242;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['serial,time,Machine,Torque [Nm],Temperature [K],failure'];
  for (let r = 0; r < rows; r++) {
    const torque = 20 + 40 * rand();
    const temp = 300 + 10 * rand();
    const failure = (torque - 45) / 5 + (temp - 305) / 2 + rand() * 1.5 > 3 ? 1 : 0;
    lines.push([r + 1, new Date(Date.UTC(2024, 0, 1) + r * 60_000).toISOString(), `P-${r % 3}`, torque.toFixed(2), temp.toFixed(2), failure].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const USE_CASE = {
  id: 'press-failure', name: 'Press failure', task: 'binary' as const, target: 'failure', entityColumn: 'Machine', timeColumn: 'time',
  features: [{ name: 'Torque [Nm]', unit: 'Nm' }, { name: 'Temperature [K]', unit: 'K' }],
  costs: { kind: 'binary' as const, currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
};

function liveRows(n: number, torqueShift: number, seed: number) {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, (_, i) => ({ Machine: `P-${i % 3}`, 'Torque [Nm]': 20 + 40 * rand() + torqueShift, 'Temperature [K]': 300 + 10 * rand() }));
}

describe('the monitor facade', () => {
  let t: TestStore;
  let sf: Shopfloor;
  let admin: User;
  let clock: ManualClock;
  let versionId: string;

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    clock = manualClock('2024-05-01T06:00:00.000Z');
    // The broker URL points at a closed port: alerts must still be stored and predictions answered.
    const config = loadConfig({ SHOPFLOOR_TIME_ZONE: 'UTC', SHOPFLOOR_LOG_LEVEL: 'silent', SHOPFLOOR_MQTT_URL: 'mqtt://127.0.0.1:9', SHOPFLOOR_DRIFT_CHECK_MINUTES: '0', SHOPFLOOR_COMPANION_SENSORS: '0' });
    sf = await openShopfloor({ config, clock, store: t.store });
    admin = (await ensureAdmin({ store: t.store, clock })).user;
    versionId = (await sf.importDataset(admin, Buffer.from(pressCsv(1200)), { name: 'press', fileName: 'press.csv' })).version.id;
    await sf.createUseCase(admin, { ...USE_CASE, datasetVersionId: versionId });
    await sf.train(admin, 'press-failure', { params: { maxIter: 20 } });
  }, 120_000);
  afterAll(async () => {
    await sf?.close();
    await t?.cleanup();
  });

  it('answers every prediction while the broker is down, stores the alerts of acting decisions and counts the undelivered', async () => {
    const { predictions } = await sf.predict('press-failure', { rows: liveRows(200, 0, 7) });
    expect(predictions).toHaveLength(200);
    const acting = predictions.filter((p) => p.decision?.act).map((p) => p.predictionId);
    expect(acting.length).toBeGreaterThan(0);
    expect(await sf.monitor.alerts.flush(100)).toBe(false); // the MQTT queue cannot drain
    const stored = (await sf.monitor.listAlerts('press-failure', { limit: 1000 })).alerts;
    expect(stored.map((a) => a.predictionId).sort()).toEqual([...acting].sort());
    const [mqtt] = sf.monitor.alerts.stats().sinks;
    expect(mqtt).toMatchObject({ delivered: 0 });
    expect(mqtt!.sink).toBe('mqtt mqtt://127.0.0.1:9');
    expect(mqtt!.queued + mqtt!.dropped + mqtt!.failed).toBeGreaterThanOrEqual(acting.length - 1);
  });

  it('raises one drift alert per drifting input and keeps it single while it is open', async () => {
    clock.advance(3_600_000);
    const from = clock.now().toISOString();
    await sf.predict('press-failure', { rows: liveRows(300, 25, 11) });
    clock.advance(60_000);
    const first = await sf.monitor.checkDrift('press-failure', { from });
    const torque = first.report.features.find((f) => f.feature === 'Torque [Nm]')!;
    expect(torque.status).toBe('drift');
    expect(first.report.features.find((f) => f.feature === 'Temperature [K]')!.status).toBe('stable');
    expect(first.report.reference).toMatchObject({ timeColumn: 'time' });
    const torqueAlert = first.raised.find((a) => a.details.feature === 'Torque [Nm]');
    expect(torqueAlert).toMatchObject({ kind: 'drift', severity: 'critical', state: 'open', entity: null });
    expect(torqueAlert!.message).toMatch(/input "Torque \[Nm\]" drifted from model v1's training data: PSI [0-9.]+ \(major\)/);
    expect(first.raised.some((a) => a.details.feature === 'Temperature [K]')).toBe(false);
    const second = await sf.monitor.checkDrift('press-failure', { from });
    expect(second.raised).toEqual([]);
    await sf.monitor.acknowledgeAlert(admin, torqueAlert!.id, { note: 'new material batch, checked' });
    const third = await sf.monitor.checkDrift('press-failure', { from });
    expect(third.raised.filter((a) => a.details.feature === 'Torque [Nm]')).toHaveLength(1);
  });

  it('scores the stored rows of a time range (from inclusive, to exclusive) with the time and machine of each row in the log', async () => {
    // Row r (1-based) was read at 2024-01-01 + (r - 1) minutes.
    const scored = await sf.monitor.score('press-failure', { datasetVersionId: versionId, time: { from: '2024-01-01T01:00:00Z', to: '2024-01-01T01:05:00Z' } });
    expect(scored.scored.map((s) => s.row)).toEqual([61, 62, 63, 64, 65]);
    const logged = await t.store.predictions.get(scored.scored[0]!.prediction.predictionId);
    expect(logged).toMatchObject({ entity: 'P-0', role: 'champion', input: { time: '2024-01-01T01:00:00.000Z', Machine: 'P-0' } });
    await expect(sf.monitor.score('press-failure', { datasetVersionId: versionId, time: { from: '2024-01-01T02:00:00Z', to: '2024-01-01T01:00:00Z' } })).rejects.toMatchObject({ code: 'SCORE_INVALID', details: { field: 'time.from' } });
    await expect(sf.monitor.score('press-failure', { datasetVersionId: versionId, rows: { from: 5, to: 4 } })).rejects.toMatchObject({ code: 'SCORE_INVALID', details: { field: 'rows.from' } });
  });
});
