// The MQTT adapter when its broker is not there: it keeps retrying in the background, reports itself disconnected, and stops cleanly.
import { expect, it } from 'vitest';
import { startMqttIngest } from './mqtt-ingest.js';

it('retries an unreachable broker with backoff instead of failing, and stops cleanly', async () => {
  const warnings: string[] = [];
  const ingest = startMqttIngest({
    url: 'mqtt://127.0.0.1:9', // discard port: nothing listens
    routes: [{ filter: 'plant/#' }],
    store: async () => ({ accepted: 0, rejected: [] }),
    reconnectMinMs: 5,
    reconnectMaxMs: 20,
    log: { info: () => undefined, warn: (_o, msg) => void warnings.push(msg) },
  });
  for (let i = 0; i < 500 && ingest.stats().reconnects < 3; i++) await new Promise((r) => setTimeout(r, 10));
  expect(ingest.stats()).toMatchObject({ connected: false, messages: 0 });
  expect(ingest.stats().reconnects).toBeGreaterThanOrEqual(3);
  expect(warnings.some((w) => w.includes('mqtt://127.0.0.1:9'))).toBe(true);
  await expect(ingest.ready(50)).rejects.toThrow(/not subscribed on mqtt:\/\/127\.0\.0\.1:9/);
  await ingest.stop();
});
