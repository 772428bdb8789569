// MQTT sink: publishes each alert (QoS 1, not retained) to shopfloor/<use case>/alerts on the configured broker.
// Placed with the alerts rather than in ingest/adapters/: ingest adapters bring readings in, this one only
// carries monitor's alerts out; it is still an edge adapter behind the AlertSink interface, and the pure
// alert logic (dispatcher, queue) never touches MQTT.
import { connect, type MqttClient } from 'mqtt';
import type { AlertMessage, AlertSink } from '../alert-message.js';

export interface MqttSinkOptions {
  /** Wait for the broker's PUBACK; default 5,000 ms. */
  publishTimeoutMs?: number;
  /** Between reconnect attempts; default 2,000 ms. */
  reconnectMs?: number;
  clientId?: string;
}

/** Topic levels may not hold the MQTT wildcards or a slash; use case ids are slugs, but the guard keeps a topic one level. */
export function alertTopic(useCaseId: string): string {
  return `shopfloor/${useCaseId.replace(/[+#/]/g, '_')}/alerts`;
}

/*
 * While the broker is away, send() fails at once instead of handing the message to the client's
 * offline queue: the delivery queue in front of this sink is the one bounded, counted buffer, and it
 * retries with backoff while the client reconnects on its own in the background.
 */
export function mqttSink(url: string, opts: MqttSinkOptions = {}): AlertSink {
  const publishTimeoutMs = opts.publishTimeoutMs ?? 5000;
  const client: MqttClient = connect(url, {
    reconnectPeriod: opts.reconnectMs ?? 2000,
    connectTimeout: 5000,
    queueQoSZero: false,
    clientId: opts.clientId ?? `shopfloor-alerts-${process.pid}-${Math.random().toString(16).slice(2, 10)}`,
  });
  // Connection errors surface as failed sends (counted by the queue); an unhandled 'error' event would crash the process.
  client.on('error', () => undefined);
  const where = url.replace(/\/\/[^@/]*@/, '//***@');
  return {
    name: `mqtt ${where}`,
    send(message: AlertMessage) {
      if (!client.connected) return Promise.reject(new Error(`MQTT broker ${where} is not connected`));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`MQTT broker ${where} did not acknowledge within ${publishTimeoutMs} ms`)), publishTimeoutMs);
        client.publish(alertTopic(message.useCaseId), JSON.stringify(message), { qos: 1, retain: false }, (err) => {
          clearTimeout(timer);
          if (err) reject(err);
          else resolve();
        });
      });
    },
    async close() {
      await client.endAsync(true);
    },
  };
}
