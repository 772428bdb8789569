// The MQTT readings ingest of a started server, against the real Mosquitto: published readings stored, bad payloads counted by reason.
import { randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, ensureAdmin } from '../access/index.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { openTestStore, type TestStore } from '../store/index.js';
import { startServer, type StartedServer } from './start.js';

const BROKER = process.env.SHOPFLOOR_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
// A prefix of our own: other tests may use the same broker at the same time.
const PREFIX = `sf-test-${randomBytes(4).toString('hex')}`;

let t: TestStore;
let server: StartedServer;
let publisher: MqttClient;
let headers: Record<string, string>;

async function until(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting: ${what} (${JSON.stringify(server.ingest?.mqtt?.stats())})`);
}

const publish = (topic: string, payload: string) => publisher.publishAsync(`${PREFIX}/${topic}`, payload, { qos: 1 });

beforeAll(async () => {
  t = await openTestStore('sqlite');
  const admin = await ensureAdmin({ store: t.store, clock: systemClock });
  const { token } = await createToken({ store: t.store, clock: systemClock }, { userId: admin.user.id, name: 'test' });
  headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const config = loadConfig({
    SHOPFLOOR_PORT: '0',
    SHOPFLOOR_LOG_LEVEL: 'silent',
    SHOPFLOOR_TIME_ZONE: 'UTC',
    SHOPFLOOR_MQTT_INGEST_URL: BROKER,
    SHOPFLOOR_MQTT_INGEST_TOPICS: `${PREFIX}/readings/#,${PREFIX}/+/torque={1}.torque`,
  });
  server = await startServer({ config, store: t.store });
  const sensors = ['mill-1.torque', 'mill-2.torque', 'mill-1.speed'].map((id) => ({ id, asset: id.split('.')[0], unit: 'Nm', min: 0, max: 100, samplePeriodMs: 1000 }));
  const res = await fetch(`${server.url}/api/v1/sensors`, { method: 'POST', headers, body: JSON.stringify({ sensors }) });
  expect(res.status).toBe(200);
  publisher = connect(BROKER, { reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => publisher.once('connect', () => resolve()).once('error', reject));
  await server.ingest!.mqtt!.ready();
});

afterAll(async () => {
  await publisher?.endAsync();
  await server?.close();
  await t?.cleanup();
});

describe('MQTT readings ingest', () => {
  it('stores readings published as JSON objects, arrays and topic-per-sensor values', async () => {
    await publish('readings/line-1', JSON.stringify({ sensor: 'mill-1.speed', time: '2024-05-01T06:00:00Z', value: 10 }));
    await publish('readings/line-1', JSON.stringify([{ sensor: 'mill-1.speed', time: '2024-05-01T06:00:01Z', value: 11 }, { sensor: 'mill-1.speed', time: '2024-05-01T06:00:02Z', value: 12 }]));
    await publish('mill-1/torque', JSON.stringify({ time: '2024-05-01T06:00:00Z', value: 40.5 }));
    await publish('mill-2/torque', '41.25'); // a bare number: read at receive time
    await until('5 readings stored', () => server.ingest!.mqtt!.stats().stored >= 5);
    const speed = await t.store.readings.range('mill-1.speed', 0, Date.parse('2030-01-01'));
    expect([...speed.values]).toEqual([10, 11, 12]);
    expect([...speed.times]).toEqual([0, 1000, 2000].map((d) => Date.parse('2024-05-01T06:00:00Z') + d));
    expect([...(await t.store.readings.range('mill-1.torque', 0, Date.parse('2030-01-01'))).values]).toEqual([40.5]);
    const m2 = await t.store.readings.range('mill-2.torque', 0, Date.parse('2030-01-01'));
    expect([...m2.values]).toEqual([41.25]);
    expect(Math.abs(m2.times[0]! - Date.now())).toBeLessThan(60_000);
    // Stored through the readings facade: audited as the ingest's own operator.
    const ingestUser = await t.store.users.getByName('ingest');
    expect(ingestUser?.role).toBe('operator');
    const audit = await t.store.audit.list({ userId: ingestUser!.id });
    expect(audit.map((a) => a.action)).toContain('readings.ingest');
  });

  it('counts bad payloads and refused readings with their reason, and keeps going', async () => {
    const before = server.ingest!.mqtt!.stats();
    await publish('readings/line-1', '{not json');
    await publish('readings/line-1', JSON.stringify({ time: '2024-05-01T06:00:00Z', value: 1 })); // no sensor
    await publish('mill-1/torque', JSON.stringify({ when: 'now' }));
    await publish('readings/line-1', JSON.stringify([{ sensor: 'no-such-sensor', time: '2024-05-01T06:00:00Z', value: 1 }, { sensor: 'mill-1.speed', time: '2024-05-01T06:00:03Z', value: 'high' }]));
    await publish('readings/line-1', JSON.stringify({ sensor: 'mill-1.speed', time: '2024-05-01T06:00:04Z', value: 13 }));
    await until('the good reading stored after the bad ones', () => server.ingest!.mqtt!.stats().stored >= before.stored + 1 && server.ingest!.mqtt!.stats().messages >= before.messages + 5);
    const s = server.ingest!.mqtt!.stats();
    expect(s.rejectedMessages.PAYLOAD_NOT_JSON).toBe((before.rejectedMessages.PAYLOAD_NOT_JSON ?? 0) + 1);
    expect(s.rejectedMessages.PAYLOAD_SHAPE).toBe((before.rejectedMessages.PAYLOAD_SHAPE ?? 0) + 2);
    await until('refused readings counted', () => (server.ingest!.mqtt!.stats().rejectedReadings.READING_SENSOR_UNKNOWN ?? 0) >= 1);
    expect(server.ingest!.mqtt!.stats().rejectedReadings.READING_VALUE_TEXT).toBe(1);
    expect([...(await t.store.readings.range('mill-1.speed', 0, Date.parse('2030-01-01'))).values]).toEqual([10, 11, 12, 13]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/shopfloor_mqtt_ingest_rejected_messages_total\{reason="PAYLOAD_NOT_JSON"\} 1/);
    expect(metrics).toMatch(/shopfloor_mqtt_ingest_rejected_readings_total\{reason="READING_SENSOR_UNKNOWN"\} 1/);
    expect(metrics).toMatch(/shopfloor_mqtt_ingest_readings_total\{outcome="stored"\} 6/);
    expect(metrics).toMatch(/shopfloor_mqtt_ingest_connected 1/);
  });
});
