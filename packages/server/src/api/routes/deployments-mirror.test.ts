// Mirroring over real HTTP: requests copied to a second, slow Shopfloor instance; allow-list, answers logged, the queue bound holding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RolloutStats } from '@shopfloor/contracts';
import { DEFAULT_ROLLOUT } from '../../config.js';
import { openRolloutApp, requestRows, USE_CASE, type RolloutApp } from './deployments-fixture.js';

const UC = `/api/v1/use-cases/${USE_CASE.id}`;
const TARGET_DELAY_MS = 300;

describe('mirror to another instance', () => {
  let target: RolloutApp;
  let main: RolloutApp;
  let mirrorUrl: string;
  let received = 0;

  beforeAll(async () => {
    // The target is a second, real app with its own store and champion, made slow on purpose.
    target = await openRolloutApp({}, [], (t) =>
      t.app.addHook('onRequest', async (request) => {
        if (request.url.endsWith('/predict')) {
          received++;
          await new Promise((resolve) => setTimeout(resolve, TARGET_DELAY_MS));
        }
      }),
    );
    mirrorUrl = `${target.base}${UC}/predict`;
    main = await openRolloutApp(
      { rollout: { ...DEFAULT_ROLLOUT, canaryIntervalSeconds: 0, mirrorAllow: [`${target.base}/api/v1/`], mirrorToken: target.t.admin.token, mirrorQueue: 5, mirrorConcurrency: 1 } },
      [],
    );
  }, 180_000);
  afterAll(async () => {
    await main?.close();
    await target?.close();
  });

  const stats = async () => (await main.call('GET', '/api/v1/rollout/stats')).json as RolloutStats;
  async function drained(): Promise<RolloutStats> {
    for (let i = 0; i < 400; i++) {
      const s = await stats();
      if (s.mirror.queued === 0 && s.mirror.inFlight === 0) return s;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the mirror queue never drained');
  }

  it('refuses a mirror URL outside the allow-list, naming the field', async () => {
    const res = await main.call('PUT', `${UC}/deployment`, { variants: [], mirrors: [{ url: 'http://10.1.2.3:8080/api/v1/use-cases/x/predict' }], reason: 'copy to the lab' });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'DEPLOYMENT_MIRROR_NOT_ALLOWED', details: { field: 'mirrors[0].url', allowed: [`${target.base}/api/v1/`] } });
  });

  it("copies a request to the other instance and logs its answer next to the prediction", async () => {
    const set = await main.call('PUT', `${UC}/deployment`, { variants: [], mirrors: [{ url: mirrorUrl }], reason: 'mirror to the staging instance' });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json.mirrors).toEqual([{ url: mirrorUrl, share: 1 }]);
    const rows = requestRows(3, 5, (i) => `grinder-${i}`);
    const res = await main.predict({ rows });
    await drained();
    // The shadow row is written best effort after the reply; give the writer a moment.
    let shadows: Awaited<ReturnType<typeof main.t.store.predictions.shadowsOf>> = [];
    for (let i = 0; i < 100 && shadows.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      shadows = await main.t.store.predictions.shadowsOf(res.predictions[1]!.predictionId);
    }
    const remoteChampion = target.versions[0]!;
    expect(shadows).toEqual([expect.objectContaining({ mode: 'mirror', modelVersionId: remoteChampion.id, error: null })]);
    // Same data, same training: the other instance decides the same.
    expect(shadows[0]!.output?.decision?.label).toBe(res.predictions[1]!.decision?.label);
    expect((await stats()).mirror).toMatchObject({ sent: 1, failed: 0, dropped: 0 });
  });

  it('never mirrors on a copy it received itself, so two instances mirroring each other cannot loop', async () => {
    const before = await stats();
    const res = await main.call('POST', `${UC}/predict`, { rows: requestRows(2, 8, (i) => `lathe-${i}`) }, { ...main.engineer, 'x-shopfloor-mirrored': '1' });
    expect(res.status).toBe(200);
    await main.predict({ rows: requestRows(2, 8, (i) => `lathe-${i}`) }); // a plain request still is
    const after = await drained();
    expect(after.mirror.sent + after.mirror.failed + after.mirror.dropped - (before.mirror.sent + before.mirror.failed + before.mirror.dropped)).toBe(1);
  });

  it('holds its queue bound against a slow receiver: the copies beyond it are dropped and counted, the answers are unaffected', async () => {
    const before = await stats();
    const receivedBefore = received;
    const rows = requestRows(2, 6, (i) => `saw-${i}`);
    const seen: RolloutStats[] = [];
    const answers = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const res = await main.predict({ rows });
        seen.push(await stats());
        return res;
      }),
    );
    for (const s of seen) {
      expect(s.mirror.queued).toBeLessThanOrEqual(5);
      expect(s.mirror.inFlight).toBeLessThanOrEqual(1);
    }
    for (const res of answers) expect(res.predictions.map((p) => p.decision?.label)).toEqual(answers[0]!.predictions.map((p) => p.decision?.label));
    const after = await drained();
    const sent = after.mirror.sent - before.mirror.sent;
    const dropped = after.mirror.dropped - before.mirror.dropped;
    expect(sent + (after.mirror.failed - before.mirror.failed) + dropped).toBe(40);
    expect(dropped).toBeGreaterThanOrEqual(30);
    expect(received - receivedBefore).toBe(sent);
    const metrics = await fetch(`${main.base}/metrics`).then((r) => r.text());
    expect(metrics).toContain(`shopfloor_rollout_mirror_requests{outcome="dropped"} ${after.mirror.dropped}`);
    expect(metrics).toContain(`shopfloor_rollout_mirror_requests{outcome="sent"} ${after.mirror.sent}`);
  }, 60_000);
});
