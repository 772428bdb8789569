// The MQTT readings ingest against the real Mosquitto (the shared adapter suite, plus the payload forms only MQTT has).
import { randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import { expect, it } from 'vitest';
import { runIngestAdapterSuite, T0 } from './ingest-adapter-suite.js';

const BROKER = process.env.SHOPFLOOR_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
// A prefix of our own: other tests may use the same broker at the same time.
const PREFIX = `sf-test-${randomBytes(4).toString('hex')}`;
let publisher: MqttClient;
const publish = (topic: string, payload: string) => publisher.publishAsync(`${PREFIX}/${topic}`, payload, { qos: 1 }).then(() => undefined);

runIngestAdapterSuite(
  'mqtt',
  async () => {
    publisher = connect(BROKER, { reconnectPeriod: 0 });
    await new Promise<void>((resolve, reject) => publisher.once('connect', () => resolve()).once('error', reject));
    return {
      initialMessages: 0,
      env: { SHOPFLOOR_MQTT_INGEST_URL: BROKER, SHOPFLOOR_MQTT_INGEST_TOPICS: `${PREFIX}/readings/#,${PREFIX}/+/torque={1}.torque` },
      emit: (sensor, value, time) => publish('readings/line-1', JSON.stringify({ sensor, time: new Date(time).toISOString(), value })),
      async emitBad() {
        await publish('readings/line-1', '{not json');
        return 'PAYLOAD_NOT_JSON';
      },
      close: () => publisher.endAsync(),
    };
  },
  (ctx) => {
    it('reads arrays, topic-per-sensor values and bare numbers, and refuses a payload without a sensor', async () => {
      const { stats, until, store } = ctx();
      const before = stats();
      const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
      await publish('readings/line-1', JSON.stringify([{ sensor: 'mill-1.torque', time: iso(10), value: 50 }, { sensor: 'no-such-sensor', time: iso(10), value: 1 }]));
      await publish('mill-1/torque', JSON.stringify({ time: iso(11), value: 51.5 }));
      await publish('mill-1/torque', '52.25'); // a bare number: read at receive time
      await publish('readings/line-1', JSON.stringify({ time: iso(12), value: 1 })); // no sensor
      await until('three stored, one unknown, one shapeless', () => stats().stored >= before.stored + 3 && (stats().rejectedReadings.READING_SENSOR_UNKNOWN ?? 0) >= 1 && (stats().rejectedMessages.PAYLOAD_SHAPE ?? 0) >= 1);
      const r = await store.readings.range('mill-1.torque', T0 + 10_000, Date.parse('2100-01-01'));
      expect([...r.values]).toEqual([50, 51.5, 52.25]);
      expect(Math.abs(r.times[2]! - Date.now())).toBeLessThan(60_000);
    });
  },
);
