// The client calls of the Models and Playground pages: failed sensors in the predict body, model refs escaped in paths, compare as a POST.
import { describe, expect, it } from 'vitest';
import { ApiClient } from './api.js';

function recorder(body: unknown = {}): { client: ApiClient; calls: { url: string; init: RequestInit | undefined }[] } {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const client = new ApiClient({
    token: 't',
    onUnauthorized: () => undefined,
    fetch: async (input, init) => {
      calls.push({ url: String(input), init });
      return new Response(JSON.stringify(body), { status: 200 });
    },
  });
  return { client, calls };
}

describe('ApiClient for models and the playground', () => {
  it('sends failed sensors as untrustedSensors, and leaves the field out when none failed', async () => {
    const { client, calls } = recorder({ useCaseId: 'u', predictions: [] });
    await client.predictOne('u', { a: 1 }, { explain: true, untrustedSensors: ['Torque [Nm]'] });
    await client.predictOne('u', { a: 1 }, { explain: true, untrustedSensors: [] });
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({ row: { a: 1 }, explain: true, topContributions: 5, untrustedSensors: ['Torque [Nm]'] });
    expect(JSON.parse(String(calls[1]!.init!.body))).not.toHaveProperty('untrustedSensors');
  });

  it('escapes use case and model refs in the card, evaluation and robustness paths', async () => {
    const { client, calls } = recorder();
    await client.modelCard('a b', 'mv/1');
    await client.modelEvaluation('a b', 'champion');
    await client.robustness('a b', 'v2');
    await client.metricsHistory('a b');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/use-cases/a%20b/models/mv%2F1/card',
      '/api/v1/use-cases/a%20b/models/champion/evaluation',
      '/api/v1/use-cases/a%20b/models/v2/robustness',
      '/api/v1/use-cases/a%20b/metrics-history',
    ]);
  });

  it('posts a comparison request', async () => {
    const { client, calls } = recorder();
    await client.compare('u', { versions: ['mv_1', 'mv_2'], resamples: 200 });
    expect(calls[0]!.init!.method).toBe('POST');
    expect(calls[0]!.url).toBe('/api/v1/use-cases/u/compare');
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({ versions: ['mv_1', 'mv_2'], resamples: 200 });
  });
});
