// The alert sink suite for MQTT, against the real Mosquitto broker (a subscriber on shopfloor/<use case>/alerts sees each alert).
import { connect } from 'mqtt';
import { expect, it } from 'vitest';
import type { AlertMessage } from '../alert-message.js';
import { alertTopic, mqttSink } from './mqtt.js';
import { runAlertSinkSuite } from './sink-suite.js';

const BROKER = process.env.SHOPFLOOR_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

runAlertSinkSuite('mqtt', async () => {
  const received: AlertMessage[] = [];
  const subscriber = connect(BROKER, { reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => subscriber.once('connect', () => resolve()).once('error', reject));
  subscriber.on('message', (_topic, payload) => received.push(JSON.parse(payload.toString('utf8')) as AlertMessage));
  await subscriber.subscribeAsync(alertTopic('press-9'), { qos: 1 });
  const sink = mqttSink(BROKER);
  // The sink connects in the background: sends before that are refused (and retried by the queue), so wait for it here.
  for (let i = 0; i < 250; i++) {
    try {
      await sink.send({ id: `warm-${i}`, useCaseId: 'press-warm', kind: 'decision', severity: 'warning', at: '', entity: null, predictionId: null, modelVersionId: null, message: '', details: {} });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return { sink, downSink: mqttSink('mqtt://127.0.0.1:9', { reconnectMs: 60_000 }), received: () => received, close: () => subscriber.endAsync() };
});

it('keeps a topic one level per use case, whatever its id holds', () => {
  expect(alertTopic('press-9')).toBe('shopfloor/press-9/alerts');
  expect(alertTopic('a/b+#')).toBe('shopfloor/a_b__/alerts');
});
