// The suite every alert sink runs (webhook.test.ts, mqtt.test.ts): a real receiver sees each alert whole, and a far side that is down is a rejected send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, AlertSink } from '../alert-message.js';

export interface SinkHarness {
  /** A sink whose far side listens. */
  sink: AlertSink;
  /** A sink whose far side is down (a closed port). */
  downSink: AlertSink;
  /** Messages the far side received so far. */
  received(): readonly AlertMessage[];
  close(): Promise<void>;
}

function message(id: string, useCaseId = 'press-9'): AlertMessage {
  return {
    id, useCaseId, kind: 'decision', severity: 'critical', at: '2024-05-01T06:00:00.000Z', entity: 'M-7', predictionId: `pred_${id}`, modelVersionId: 'mv_1',
    message: 'alarm on M-7 (score 0.910), model v3 via champion', details: { decision: 'alarm', score: 0.91, unit: 'Nm', note: 'Ümlaut, "quotes", 50 °C' },
  };
}

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function runAlertSinkSuite(name: string, makeHarness: () => Promise<SinkHarness>): void {
  describe(`alert sink: ${name}`, () => {
    let h: SinkHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h?.sink.close();
      await h?.downSink.close();
      await h?.close();
    });

    it('delivers every alert whole, in order, to the far side', async () => {
      const sent = [message('a1'), message('a2'), message('a3')];
      for (const m of sent) await h.sink.send(m);
      await waitFor(() => sent.every((m) => h.received().some((r) => r.id === m.id)));
      const got = h.received().filter((r) => sent.some((m) => m.id === r.id));
      expect(got).toEqual(sent);
    });

    it('rejects a send when the far side is down, so the queue can retry and count it', async () => {
      await expect(h.downSink.send(message('down-1'))).rejects.toThrow();
    });

    it('names itself for logs and metrics', () => {
      expect(h.sink.name).toMatch(/^(webhook|mqtt) /);
    });
  });
}
