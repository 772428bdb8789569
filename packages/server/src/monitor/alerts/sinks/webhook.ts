// Webhook sink: each alert as one JSON POST to a configured URL; any answer but 2xx (or no answer in time) is a failure to retry.
import type { AlertMessage, AlertSink } from '../alert-message.js';

export interface WebhookOptions {
  /** Per request; default 5,000 ms. */
  timeoutMs?: number;
}

export function webhookSink(url: string, opts: WebhookOptions = {}): AlertSink {
  const timeoutMs = opts.timeoutMs ?? 5000;
  return {
    name: `webhook ${url}`,
    async send(message: AlertMessage) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'shopfloor-alerts', 'x-shopfloor-alert-id': message.id },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read the body so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`webhook ${url} answered ${res.status}`);
    },
    async close() {},
  };
}
