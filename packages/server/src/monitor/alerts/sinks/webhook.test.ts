// The alert sink suite for webhooks, against a real local HTTP server; plus a non-2xx answer counting as a failure.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import type { AlertMessage } from '../alert-message.js';
import { runAlertSinkSuite } from './sink-suite.js';
import { webhookSink } from './webhook.js';

async function listen(status: number, received: AlertMessage[]) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.method === 'POST' && req.headers['content-type'] === 'application/json') received.push(JSON.parse(body) as AlertMessage);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts` };
}

runAlertSinkSuite('webhook', async () => {
  const received: AlertMessage[] = [];
  const { server, url } = await listen(204, received);
  // A port that was just free and is closed again: connections are refused.
  const closed = await listen(204, []);
  await new Promise((resolve) => closed.server.close(resolve));
  return {
    sink: webhookSink(url),
    downSink: webhookSink(closed.url, { timeoutMs: 2000 }),
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});

it('treats an answer other than 2xx as a failed send', async () => {
  const received: AlertMessage[] = [];
  const { server, url } = await listen(500, received);
  await expect(webhookSink(url).send({ id: 'x', useCaseId: 'u', kind: 'decision', severity: 'critical', at: '', entity: null, predictionId: null, modelVersionId: null, message: 'm', details: {} })).rejects.toThrow(/answered 500/);
  expect(received).toHaveLength(1);
  await new Promise((resolve) => server.close(resolve));
});
