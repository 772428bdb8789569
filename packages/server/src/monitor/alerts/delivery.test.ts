// Alerts reach the line: a real local webhook (with retry), the real Mosquitto broker, and a broker that is down.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.js';
import type { Store, TestStore } from '../../store/index.js';
import { createAlertDispatcher } from './dispatcher.js';
import { mqttSink, alertTopic } from './sinks/mqtt.js';
import { webhookSink } from './sinks/webhook.js';
import { served, storeWithUseCases } from './test-fixtures.js';

const BROKER = process.env.SHOPFLOOR_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

describe('alert delivery', () => {
  let testStore: TestStore;
  let store: Store;
  let server: Server;
  let url: string;
  const received: { status: number; body: Record<string, unknown>; contentType: string | undefined }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    ({ testStore } = await storeWithUseCases('sqlite', ['press-1', 'press-2', 'press-3']));
    store = testStore.store;
    server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const status = failNext > 0 ? 503 : 204;
        if (failNext > 0) failNext--;
        received.push({ status, body: JSON.parse(body) as Record<string, unknown>, contentType: req.headers['content-type'] });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/line-3`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await testStore?.cleanup();
  });

  it('posts an acting decision to the webhook, retrying after a 503, and stores the alert; a decision that does not act raises nothing', async () => {
    failNext = 1;
    const dispatcher = createAlertDispatcher({ store, clock: manualClock(), sinks: [webhookSink(url)], delivery: { backoffMs: 10 } });
    const acting = served('press-1', true, 'M-7');
    dispatcher.onPredictions([served('press-1', false), acting]);
    expect(await dispatcher.flush(5000)).toBe(true);
    expect(received.map((r) => r.status)).toEqual([503, 204]);
    expect(received[1]!.contentType).toBe('application/json');
    expect(received[1]!.body).toMatchObject({ useCaseId: 'press-1', kind: 'decision', severity: 'critical', entity: 'M-7', predictionId: acting.id, details: { decision: 'alarm', score: 0.91 } });
    expect(dispatcher.stats()).toMatchObject({ raised: 1, storeFailures: 0, dropped: 0, sinks: [{ delivered: 1, failed: 0, retries: 1, dropped: 0, queued: 0 }] });
    const stored = await store.alerts.list({ useCaseId: 'press-1' });
    expect(stored.map((s) => [s.predictionId, s.key, s.acknowledged])).toEqual([[acting.id, `decision:${acting.id}`, null]]);
    await dispatcher.close();
  });

  it('gives a message up after its tries and counts it as failed', async () => {
    failNext = 100;
    received.length = 0;
    const dispatcher = createAlertDispatcher({ store, clock: manualClock(), sinks: [webhookSink(url)], delivery: { backoffMs: 1, attempts: 3 } });
    dispatcher.onPredictions([served('press-1', true)]);
    await dispatcher.flush(5000);
    expect(received).toHaveLength(3);
    expect(dispatcher.stats().sinks[0]).toMatchObject({ delivered: 0, failed: 1, retries: 2 });
    failNext = 0;
    await dispatcher.close();
  });

  it('publishes to shopfloor/<use case>/alerts on the real broker, where a subscriber sees it', async () => {
    const subscriber = await connectAsyncClient();
    const topic = alertTopic('press-2');
    expect(topic).toBe('shopfloor/press-2/alerts');
    const messages: { topic: string; body: Record<string, unknown> }[] = [];
    subscriber.on('message', (t, payload) => messages.push({ topic: t, body: JSON.parse(payload.toString('utf8')) as Record<string, unknown> }));
    await subscriber.subscribeAsync(topic, { qos: 1 });
    const sink = mqttSink(BROKER);
    const dispatcher = createAlertDispatcher({ store, clock: manualClock(), sinks: [sink], delivery: { backoffMs: 50, attempts: 40 } });
    const acting = served('press-2', true, 'P-2');
    dispatcher.onPredictions([acting, served('press-2', false)]);
    expect(await dispatcher.flush(8000)).toBe(true);
    await waitFor(() => messages.length >= 1, 5000);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ topic, body: { useCaseId: 'press-2', predictionId: acting.id, entity: 'P-2', kind: 'decision' } });
    expect(dispatcher.stats().sinks[0]).toMatchObject({ delivered: 1, failed: 0 });
    await dispatcher.close();
    await subscriber.endAsync();
  });

  it('never blocks the prediction path when the broker is down: the queue stays bounded, losses are counted, alerts are stored', async () => {
    const dispatcher = createAlertDispatcher({
      store, clock: manualClock(), sinks: [mqttSink('mqtt://127.0.0.1:9', { reconnectMs: 60_000 })], delivery: { capacity: 5, attempts: 2, backoffMs: 60_000 },
    });
    const rows = Array.from({ length: 40 }, (_, i) => served('press-3', true, `M-${i}`));
    for (const row of rows) expect(dispatcher.onPredictions([row])).toBeUndefined(); // synchronous, nothing to await
    await waitFor(async () => (await store.alerts.list({ useCaseId: 'press-3', limit: 100 })).length === 40, 5000);
    const sinkStats = dispatcher.stats().sinks[0]!;
    expect(sinkStats.queued).toBeLessThanOrEqual(5);
    expect(sinkStats.delivered).toBe(0);
    expect(sinkStats.dropped).toBeGreaterThanOrEqual(40 - 5 - 1);
    expect(dispatcher.stats().raised).toBe(40);
    await dispatcher.close();
    expect(dispatcher.stats().sinks[0]!.queued).toBe(0);
  });

  it('does not raise a drift alert twice while the first is open', async () => {
    const dispatcher = createAlertDispatcher({ store, clock: manualClock(), sinks: [] });
    const drift = (id: string) => ({
      id, useCaseId: 'press-1', kind: 'drift' as const, severity: 'warning' as const, key: 'drift:Torque [Nm]', at: '2024-05-01T07:00:00.000Z',
      entity: null, predictionId: null, modelVersionId: 'mv_test', message: 'Torque [Nm] drifted', details: { psi: 0.4 },
    });
    expect((await dispatcher.raise([drift('alr_d1')])).map((a) => a.id)).toEqual(['alr_d1']);
    expect(await dispatcher.raise([drift('alr_d2')])).toEqual([]);
    expect((await store.alerts.list({ useCaseId: 'press-1', state: 'open' })).filter((a) => a.kind === 'drift')).toHaveLength(1);
    await dispatcher.close();
  });
});

async function connectAsyncClient() {
  const client = connect(BROKER, { reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
