// Rollout strategies over real HTTP (listening app + fetch): sticky A/B split within share, shadows that throw or stall, canary rollback and promotion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, DeploymentEvents, DeploymentVerdict, PredictResponse, RolloutStats } from '@shopfloor/contracts';
import { DEFAULT_ROLLOUT } from '../../config.js';
import { openRolloutApp, requestLabels, requestRows, USE_CASE, type RolloutApp } from './deployments-fixture.js';

type Behaviour = 'real' | 'throw' | 'sleep' | 'busy';
const UC = `/api/v1/use-cases/${USE_CASE.id}`;
const SLOW_MS = 5000;

describe('rollout strategies over HTTP', () => {
  let r: RolloutApp;
  /** What the test hook does around the real predictor of each shadow, by model version id. */
  const behaviour = new Map<string, Behaviour>();
  const shadowCalls = new Map<string, number>();

  beforeAll(async () => {
    r = await openRolloutApp({
      rollout: {
        ...DEFAULT_ROLLOUT,
        shadowBudgetMs: 200,
        canaryIntervalSeconds: 0,
        // The hook wraps the real predictor: it still scores the rows, then throws, or first stalls for 5 s.
        wrapShadow: (id, predict) => (...args) => {
          shadowCalls.set(id, (shadowCalls.get(id) ?? 0) + 1);
          const b = behaviour.get(id) ?? 'real';
          if (b === 'throw') {
            predict(...args);
            throw new Error('shadow model crashed');
          }
          if (b === 'busy') {
            const until = Date.now() + SLOW_MS;
            while (Date.now() < until); // synchronous: nothing can interrupt it
            return predict(...args);
          }
          if (b === 'sleep') return new Promise((resolve) => setTimeout(() => resolve(predict(...args)), SLOW_MS).unref());
          return predict(...args);
        },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await r?.close();
  });

  const v = (i: number) => r.versions[i]!;
  const put = (body: unknown) => r.call('PUT', `${UC}/deployment`, body);
  const stats = async () => (await r.call('GET', '/api/v1/rollout/stats')).json as RolloutStats;
  /** Waits until the shadow queue has run dry (shadows run after the answers, on later turns). */
  async function shadowsDone(): Promise<RolloutStats> {
    for (let i = 0; i < 200; i++) {
      const s = await stats();
      if (s.shadow.queued === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if ((await stats()).shadow.queued === 0) return s;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('shadows never finished');
  }
  const decisions = (res: PredictResponse) => res.predictions.map((p) => [p.model.version, p.score, p.decision?.label]);

  it('starts with the champion alone', async () => {
    const res = await r.call('GET', `${UC}/deployment`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ useCaseId: USE_CASE.id, champion: { id: v(0).id, version: 1 }, variants: [], mirrors: [], approvalRequired: false, updatedBy: null });
  });

  it('splits 10,000 machines 20% to the challenger within 18-22%, and the same machine always gets the same version', async () => {
    const set = await put({ variants: [{ model: 'v2', mode: 'split', share: 0.2 }], reason: 'A/B v2 on a fifth of the machines' });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect((set.json as Deployment).variants).toEqual([{ model: { id: v(1).id, version: 2 }, mode: 'split', share: 0.2 }]);

    const rows = requestRows(10_000);
    const all = await r.predict({ rows });
    const byV2 = all.predictions.filter((p) => p.model.version === 2).length;
    expect(byV2 / rows.length).toBeGreaterThanOrEqual(0.18);
    expect(byV2 / rows.length).toBeLessThanOrEqual(0.22);
    expect(new Set(all.predictions.map((p) => p.model.version))).toEqual(new Set([1, 2]));
    // The champion scored the split's rows as a shadow: the verdict compares both on the same rows (v2 is a faithful retrain).
    await shadowsDone();
    let verdict: DeploymentVerdict | null = null;
    for (let i = 0; i < 100 && verdict?.compared !== byV2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      verdict = (await r.call('GET', `${UC}/deployment/verdict?model=v2`)).json as DeploymentVerdict;
    }
    expect(verdict).toMatchObject({ compared: byV2, agreement: 1, flips: { toAct: 0, toHold: 0 } });

    // Stickiness: one row per request, many times, by the entity column and by the request-level entity.
    const first = new Map(rows.slice(0, 40).map((row, i) => [row.machine, all.predictions[i]!.model.version]));
    for (let round = 0; round < 3; round++) {
      for (const [i, row] of rows.slice(0, 40).entries()) {
        const one = await r.predict({ row: { ...rows[(i + round * 97) % rows.length]!, machine: row.machine } });
        expect(one.predictions[0]!.model.version).toBe(first.get(row.machine));
        const named = await r.predict({ row: { ...rows[i]!, machine: 'ignored' }, entity: String(row.machine) });
        expect(named.predictions[0]!.model.version).toBe(first.get(row.machine));
      }
    }
    // The log says who answered in which role.
    const logged = await r.t.store.predictions.get(all.predictions.find((p) => p.model.version === 2)!.predictionId);
    expect(logged).toMatchObject({ role: 'split', modelVersionId: v(1).id, entity: expect.stringMatching(/^machine-/) });
  });

  it('keeps the champion answers unchanged while a shadow throws, and logs the shadow failures', async () => {
    const rows = requestRows(50, 11, (i) => `press-${i}`);
    await put({ variants: [], reason: 'champion only' });
    const alone = await r.predict({ rows });
    behaviour.set(v(2).id, 'throw');
    expect((await put({ variants: [{ model: 'v3', mode: 'shadow' }], reason: 'watch v3' })).status).toBe(200);
    const before = await stats();
    const withShadow: PredictResponse[] = [];
    for (let k = 0; k < 5; k++) withShadow.push(await r.predict({ rows }));
    const after = await shadowsDone();
    for (const res of withShadow) expect(decisions(res)).toEqual(decisions(alone));
    expect(after.shadow.failed - before.shadow.failed).toBe(5);
    expect(after.shadow.disabled).not.toContain(v(2).id);
    const shadows = await r.t.store.predictions.shadowsOf(withShadow[0]!.predictions[0]!.predictionId);
    expect(shadows).toEqual([expect.objectContaining({ modelVersionId: v(2).id, mode: 'shadow', output: null, error: 'shadow model crashed' })]);
  });

  it('disables a shadow that stalls 5 s (asynchronously or busy-waiting) after one call; the champion answers the same, fast', async () => {
    const rows = requestRows(20, 12, (i) => `lathe-${i}`);
    await put({ variants: [], reason: 'champion only' });
    const alone = await r.predict({ rows });
    for (const b of ['sleep', 'busy'] as const) {
      behaviour.set(v(2).id, b);
      expect((await put({ variants: [{ model: 'v3', mode: 'shadow' }], reason: `v3 stalls (${b})` })).status).toBe(200);
      const calls = shadowCalls.get(v(2).id) ?? 0;
      const skipped = (await stats()).shadow.skipped;
      const answers: PredictResponse[] = [];
      for (let k = 0; k < 8; k++) answers.push(await r.predict({ rows }));
      await shadowsDone();
      for (const res of answers) expect(decisions(res)).toEqual(decisions(alone));
      expect(shadowCalls.get(v(2).id)! - calls, b).toBe(1); // the first call showed it too slow; the rest were skipped
      expect((await stats()).shadow.skipped - skipped).toBe(7);
      const deployment = (await r.call('GET', `${UC}/deployment`)).json as Deployment;
      expect(deployment.variants[0]!.disabled).toMatch(/budget of 200 ms|within 200 ms/);
      // The champion's own time per request, as the prediction log recorded it, never includes the shadow's 5 s.
      for (const res of answers) expect((await r.t.store.predictions.get(res.predictions[0]!.predictionId))!.latencyMs).toBeLessThan(1000);
    }
    behaviour.set(v(2).id, 'real');
  }, 60_000);

  it('rolls a bad canary back on its own, on disagreement with the champion that scores its rows as a shadow', async () => {
    const set = await put({ variants: [{ model: 'v3', mode: 'canary', canary: { steps: [0.5, 1], windowMinutes: 10, minRequests: 60, maxDisagreement: 0.05 } }], reason: 'canary v3' });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect((set.json as Deployment).variants[0]).toMatchObject({ mode: 'canary', share: 0.5, canary: { step: 0, note: 'started' } });
    const res = await r.predict({ rows: requestRows(400, 21, (i) => `mill-${i}`) });
    expect(res.predictions.some((p) => p.model.version === 3)).toBe(true);
    await shadowsDone();
    const run = await r.call('POST', `${UC}/deployment/canary/evaluate`);
    expect(run.status).toBe(200);
    expect(run.json.run).toMatchObject({ action: { kind: 'rollback' }, modelVersionId: v(2).id });
    expect(run.json.run.window.compared).toBeGreaterThanOrEqual(60);
    expect(run.json.run.action.note).toContain('disagreement');
    const now = (await r.call('GET', `${UC}/deployment`)).json as Deployment;
    expect(now.variants).toEqual([]);
    expect(now.champion.version).toBe(1);
    const after = await r.predict({ rows: requestRows(100, 21, (i) => `mill-${i}`) });
    expect(after.predictions.every((p) => p.model.version === 1)).toBe(true);
    const events = (await r.call('GET', `${UC}/deployment/events`)).json as DeploymentEvents;
    expect(events.events[0]).toMatchObject({ action: 'canary-rollback', model: { version: 3 }, details: { automatic: true } });
  });

  it('rolls a canary back on the metric once outcomes arrive, even when disagreement is allowed', async () => {
    const set = await put({ variants: [{ model: 'v3', mode: 'canary', canary: { steps: [0.5, 1], windowMinutes: 10, minRequests: 50, maxDisagreement: 1, maxLatencyP99Ms: 60_000, minLabelled: 30, maxMetricDrop: 0.02 } }], reason: 'canary v3, judged on outcomes' });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    const n = 240;
    const res = await r.predict({ rows: requestRows(n, 51, (i) => `press-line-${i}`) });
    const labels = requestLabels(n, 51);
    await shadowsDone();
    const evaluate = async () => (await r.call('POST', `${UC}/deployment/canary/evaluate`)).json.run;
    const unlabelled = await evaluate();
    expect(unlabelled.action.kind, JSON.stringify(unlabelled)).toBe('wait');
    expect(unlabelled.window.labelled).toBe(0);
    // Outcomes from the work orders, on the canary's rows (the champion scored the same rows as a shadow).
    // The champion's shadow answers are written best effort, just after: wait for the last one.
    const lastCanary = [...res.predictions].reverse().find((p) => p.model.version === 3)!;
    for (let i = 0; i < 200 && (await r.t.store.predictions.shadowsOf(lastCanary.predictionId)).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const [i, p] of res.predictions.entries()) {
      if (p.model.version !== 3) continue;
      expect((await r.call('POST', `/api/v1/predictions/${p.predictionId}/outcome`, { outcome: labels[i] })).status).toBe(201);
    }
    const judged = await evaluate();
    expect(judged.action.kind, JSON.stringify(judged)).toBe('rollback');
    expect(judged.window.labelled).toBeGreaterThanOrEqual(30);
    expect(judged.window.metric.challenger).toBeLessThan(judged.window.metric.champion - 0.02);
    expect(judged.action.note).toContain('decision_accuracy');
  });

  it('walks a good canary through its steps on the test clock, holds without a gate record, and promotes once the gate passed', async () => {
    const set = await put({ variants: [{ model: 'v2', mode: 'canary', canary: { steps: [0.25, 1], windowMinutes: 10, minRequests: 50 } }], reason: 'canary v2' });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    const traffic = async (seed: number) => {
      await r.predict({ rows: requestRows(400, seed, (i) => `drill-${i}`) });
      await shadowsDone();
    };
    const evaluate = async () => (await r.call('POST', `${UC}/deployment/canary/evaluate`)).json.run;
    await traffic(31);
    const first = await evaluate();
    expect(first.action.kind, JSON.stringify(first)).toBe('wait'); // the window has not passed
    r.t.clock.advance(11 * 60_000);
    expect((await evaluate()).action).toMatchObject({ kind: 'advance', step: 1, share: 1 });
    await traffic(32);
    const atFull = await r.predict({ rows: requestRows(50, 33, (i) => `drill-${i}`) });
    expect(atFull.predictions.every((p) => p.model.version === 2)).toBe(true);
    await shadowsDone();
    r.t.clock.advance(11 * 60_000);
    expect((await evaluate()).action.kind).toBe('hold'); // no passing gate record for v2 yet
    expect(((await r.call('GET', `${UC}/deployment`)).json as Deployment).champion.version).toBe(1);

    const gate = await r.call('POST', `${UC}/gate`, { candidate: 'v2', requireModelTests: false, resamples: 50 });
    expect(gate.status, JSON.stringify(gate.json).slice(0, 500)).toBe(201);
    expect(gate.json.passed).toBe(true);
    expect((await evaluate()).action.kind).toBe('promote');
    const now = (await r.call('GET', `${UC}/deployment`)).json as Deployment;
    expect(now.champion).toEqual({ id: v(1).id, version: 2 });
    expect(now.variants).toEqual([]);
    const events = (await r.call('GET', `${UC}/deployment/events`)).json as DeploymentEvents;
    expect(events.events.slice(0, 4).map((e) => e.action)).toEqual(['canary-promote', 'canary-hold', 'canary-step', 'set']);
    // Rolling back now restores the champion the canary replaced.
    const back = await r.call('POST', `${UC}/deployment/rollback`, { reason: 'line 3 reports odd alarms' });
    expect(back.status).toBe(200);
    expect((back.json as Deployment).champion.version).toBe(1);
  });
});
