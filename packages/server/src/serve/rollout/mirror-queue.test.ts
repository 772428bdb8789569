// The mirror allow-list: same scheme, host and port, and a path under an allowed prefix; nothing else is sent.
import { describe, expect, it } from 'vitest';
import { createMirrorQueue, mirrorAllowed } from './mirror-queue.js';

describe('mirror allow-list', () => {
  const allow = ['http://10.0.0.2:8080/api/v1/', 'https://staging.plant.local'];
  it('allows URLs under a prefix and refuses look-alikes', () => {
    expect(mirrorAllowed('http://10.0.0.2:8080/api/v1/use-cases/mill/predict', allow)).toBe(true);
    expect(mirrorAllowed('https://staging.plant.local/api/v1/use-cases/mill/predict', allow)).toBe(true);
    expect(mirrorAllowed('http://10.0.0.2:8081/api/v1/use-cases/mill/predict', allow)).toBe(false);
    expect(mirrorAllowed('http://10.0.0.2:8080/api/v10/x', allow)).toBe(false);
    expect(mirrorAllowed('https://staging.plant.local.evil.example/api', allow)).toBe(false);
    expect(mirrorAllowed('not a url', allow)).toBe(false);
    expect(mirrorAllowed('http://10.0.0.2:8080/api/v1/x', [])).toBe(false);
  });

  it('refuses and counts a send to a URL outside the list, without calling fetch', () => {
    let calls = 0;
    const queue = createMirrorQueue({ allow, fetch: (async () => ((calls += 1), new Response('{}'))) as typeof fetch });
    expect(queue.send('http://elsewhere:8080/api/v1/use-cases/mill/predict', { rows: [] })).toBe(false);
    expect(queue.stats()).toMatchObject({ refused: 1, queued: 0 });
    expect(calls).toBe(0);
  });
});
