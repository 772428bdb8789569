// Deployment routes on both backends: bad deployments named by field, roles, promotion with a second engineer, rollback, the audit trail, verdicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, DeploymentEvents, DeploymentVerdict, PromoteResponse } from '@shopfloor/contracts';
import { DEFAULT_ROLLOUT } from '../../config.js';
import { createDeploymentsFacade } from '../../shopfloor-deployments.js';
import { openRolloutApp, requestLabels, requestRows, USE_CASE, type RolloutApp } from './deployments-fixture.js';

const UC = `/api/v1/use-cases/${USE_CASE.id}`;

describe.each(['sqlite', 'postgres'] as const)('deployment routes on %s', (backend) => {
  let r: RolloutApp;
  let bob: { authorization: string };
  let operator: { authorization: string };
  let bobId: string;

  beforeAll(async () => {
    r = await openRolloutApp({}, ['good', 'bad'], undefined, backend);
    const second = await r.t.userWithRole('engineer', 'bob');
    bob = second.headers;
    bobId = second.user.id;
    operator = (await r.t.userWithRole('operator')).headers;
  }, 180_000);
  afterAll(async () => {
    await r?.close();
  });

  const errorOf = (res: { json: any }) => res.json.error as { code: string; details: Record<string, unknown> };

  it('refuses deployments that cannot stand, naming the field', async () => {
    const cases: [unknown, number, string, string | undefined][] = [
      [{ variants: [{ model: 'v2', mode: 'split' }], reason: 'x' }, 422, 'DEPLOYMENT_INVALID', 'variants[0].share'],
      [{ variants: [{ model: 'champion', mode: 'shadow' }], reason: 'x' }, 422, 'DEPLOYMENT_INVALID', 'variants[0].model'],
      [{ variants: [{ model: 'v2', mode: 'split', share: 0.7 }, { model: 'v3', mode: 'split', share: 0.5 }], reason: 'x' }, 422, 'DEPLOYMENT_INVALID', 'variants'],
      [{ variants: [{ model: 'v2', mode: 'shadow' }, { model: 2, mode: 'split', share: 0.1 }], reason: 'x' }, 400, 'VALIDATION_FAILED', undefined],
      [{ variants: [{ model: 'v2', mode: 'shadow' }, { model: 'v2', mode: 'split', share: 0.1 }], reason: 'x' }, 422, 'DEPLOYMENT_INVALID', 'variants[1].model'],
      [{ variants: [{ model: 'v2', mode: 'canary' }, { model: 'v3', mode: 'canary' }], reason: 'x' }, 422, 'DEPLOYMENT_INVALID', 'variants[1].mode'],
      [{ variants: [{ model: 'v2', mode: 'canary', canary: { steps: [0.5, 0.1] } }], reason: 'x' }, 422, 'DEPLOYMENT_INVALID', 'variants[0].canary.steps'],
      [{ variants: [{ model: 'v9', mode: 'shadow' }], reason: 'x' }, 404, 'MODEL_NOT_FOUND', 'variants[0].model'],
      [{ variants: [{ model: 'latest', mode: 'shadow' }], reason: 'x' }, 400, 'MODEL_REF_INVALID', 'variants[0].model'],
      [{ variants: [] }, 400, 'VALIDATION_FAILED', undefined],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await r.call('PUT', `${UC}/deployment`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(errorOf(res).code).toBe(code);
      if (field !== undefined) expect(errorOf(res).details['field']).toBe(field);
    }
    expect((await r.call('PUT', `${UC}/deployment`, { variants: [], reason: 'x' }, operator)).status).toBe(403);
    expect(errorOf(await r.call('GET', '/api/v1/use-cases/nope/deployment')).code).toBe('USE_CASE_NOT_FOUND');
    expect(((await r.call('GET', `${UC}/deployment/events`)).json as DeploymentEvents).events).toEqual([]);
  });

  it('needs a second engineer to promote when the use case asks for it; the requester cannot approve', async () => {
    const set = await r.call('PUT', `${UC}/deployment`, { variants: [{ model: 'v2', mode: 'shadow' }], approvalRequired: true, reason: 'v2 in shadow; promotions need two engineers' });
    expect(set.status).toBe(200);
    expect((set.json as Deployment).approvalRequired).toBe(true);
    const asked = await r.call('POST', `${UC}/deployment/promote`, { model: 'v2', reason: 'v2 agrees and costs less' });
    expect(asked.status).toBe(202);
    const { approval } = asked.json as PromoteResponse;
    expect(approval).toMatchObject({ status: 'pending', model: { version: 2 }, reason: 'v2 agrees and costs less' });
    expect(((await r.call('GET', `${UC}/deployment`)).json as Deployment).champion.version).toBe(1);

    const path = `${UC}/deployment/approvals/${approval!.id}/approve`;
    expect(errorOf(await r.call('POST', path, { reason: 'me too' })).code).toBe('DEPLOYMENT_APPROVAL_SELF');
    expect(errorOf(await r.call('POST', path, {}, operator)).code).toBe('AUTH_ROLE_TOO_WEAK');
    expect(errorOf(await r.call('POST', `${UC}/deployment/approvals/apr_none/approve`, {}, bob)).code).toBe('DEPLOYMENT_APPROVAL_NOT_FOUND');
    const approved = await r.call('POST', path, { reason: 'checked the verdict' }, bob);
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    expect(approved.json as PromoteResponse).toMatchObject({ promoted: true, approval: { status: 'approved', decidedBy: bobId, decisionReason: 'checked the verdict' }, deployment: { champion: { version: 2 }, variants: [] } });
    expect(errorOf(await r.call('POST', path, {}, bob)).code).toBe('DEPLOYMENT_APPROVAL_CLOSED');

    const aliases = (await r.call('GET', `${UC}/aliases`)).json as { aliases: { alias: string; version: number }[] };
    expect(aliases.aliases.find((a) => a.alias === 'champion')?.version).toBe(2);
    const events = (await r.call('GET', `${UC}/deployment/events`)).json as DeploymentEvents;
    expect(events.events.map((e) => [e.action, e.model?.version ?? null])).toEqual([['approve', 2], ['promotion-requested', 2], ['set', null]]);
    expect(events.events[0]).toMatchObject({ by: bobId, details: { requestedBy: expect.any(String), approvalId: approval!.id } });
    expect(events.pendingApprovals).toEqual([]);
    const audit = await r.t.store.audit.list({ subject: `use-case:${USE_CASE.id}`, limit: 20 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['deployment.set', 'deployment.promotion-requested', 'deployment.approve', 'model.promote']));
  });

  it('rolls back to the champion a promotion replaced, once', async () => {
    const back = await r.call('POST', `${UC}/deployment/rollback`, { reason: 'more false alarms on line 2' });
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    expect((back.json as Deployment).champion.version).toBe(1);
    const again = await r.call('POST', `${UC}/deployment/rollback`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('DEPLOYMENT_NOTHING_TO_ROLL_BACK');
    // A standing split is what a rollback takes away first (shadows stay).
    await r.call('PUT', `${UC}/deployment`, { variants: [{ model: 'v3', mode: 'shadow' }, { model: 'v2', mode: 'split', share: 0.3 }], reason: 'A/B' });
    const cut = await r.call('POST', `${UC}/deployment/rollback`, { reason: 'stop the A/B' });
    expect((cut.json as Deployment).variants.map((v) => [v.model.version, v.mode])).toEqual([[3, 'shadow']]);
    expect((cut.json as Deployment).champion.version).toBe(1);
  });

  it('gives a verdict per shadow from the prediction log: agreement, flips, latency, then cost and a recommendation once outcomes arrive', async () => {
    await r.call('PUT', `${UC}/deployment`, { variants: [{ model: 'v2', mode: 'shadow' }, { model: 'v3', mode: 'shadow' }], reason: 'watch both' });
    const n = 120;
    const rows = requestRows(n, 41, (i) => `bore-${i}`);
    const labels = requestLabels(n, 41);
    const res = await r.predict({ rows });
    // Shadows run after the reply and are logged best effort: wait until both shadows' rows are stored.
    for (let i = 0; i < 200; i++) {
      const last = await r.t.store.predictions.shadowsOf(res.predictions[n - 1]!.predictionId);
      if (last.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    for (const [i, p] of res.predictions.entries()) {
      const fed = await r.call('POST', `/api/v1/predictions/${p.predictionId}/outcome`, { outcome: labels[i] });
      expect(fed.status, JSON.stringify(fed.json)).toBeLessThan(300);
    }
    r.t.clock.advance(60_000);
    const twin = (await r.call('GET', `${UC}/deployment/verdict?model=v2`)).json as DeploymentVerdict;
    expect(twin).toMatchObject({ model: { version: 2 }, champion: { version: 1 }, compared: n, candidateErrors: 0, agreement: 1, flips: { toAct: 0, toHold: 0, examples: [] } });
    expect(twin.latency.candidate.n).toBe(n);
    expect(twin.labelled).toMatchObject({ n, metric: 'decision_accuracy', currency: 'EUR' });
    expect(twin.labelled!.candidateCost).toBe(twin.labelled!.championCost);
    expect(twin.recommendation).toBe('keep');

    const bad = (await r.call('GET', `${UC}/deployment/verdict?model=v3`)).json as DeploymentVerdict;
    expect(bad.compared).toBe(n);
    expect(bad.agreement!).toBeLessThan(1);
    expect(bad.flips.toAct + bad.flips.toHold).toBe(Math.round(n * (1 - bad.agreement!)));
    expect(bad.flips.examples.length).toBeGreaterThan(0);
    expect(bad.labelled!.candidateCost).toBeGreaterThan(bad.labelled!.championCost);
    expect(bad.recommendation).toBe('roll-back');
    expect(bad.evidence.join(' ')).toContain('labelled rows');

    // An empty window has nothing to compare; the champion itself is no candidate.
    const empty = (await r.call('GET', `${UC}/deployment/verdict?model=v2&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`)).json as DeploymentVerdict;
    expect(empty).toMatchObject({ compared: 0, agreement: null, labelled: null, recommendation: 'keep' });
    expect(errorOf(await r.call('GET', `${UC}/deployment/verdict?model=champion`)).code).toBe('DEPLOYMENT_NOT_DEPLOYED');
    expect(errorOf(await r.call('GET', `${UC}/deployment/verdict?model=v2&from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z`)).code).toBe('VALIDATION_FAILED');
  });

  it('requires a second engineer for every use case when the server config says so', async () => {
    expect((await r.call('PUT', `${UC}/deployment`, { variants: [], approvalRequired: false, reason: 'one engineer may promote' })).status).toBe(200);
    // A second facade over the same store, as a server started with SHOPFLOOR_PROMOTION_APPROVAL=true would build it.
    const strict = createDeploymentsFacade({ store: r.t.store, clock: r.t.clock, config: { ...r.t.config, rollout: { ...DEFAULT_ROLLOUT, promotionApproval: true } } });
    const erin = (await r.t.store.users.getByName('erin'))!;
    expect((await strict.get(USE_CASE.id)).approvalRequired).toBe(true);
    const asked = await strict.promote(erin, USE_CASE.id, { model: 'v2', reason: 'cheaper' });
    expect(asked).toMatchObject({ promoted: false, approval: { status: 'pending', model: { version: 2 } } });
    await strict.close();
    // This server does not require it: one engineer promotes, and the pending request is superseded.
    const direct = await r.call('POST', `${UC}/deployment/promote`, { model: 'v2', reason: 'cheaper, and only one of us is on shift' });
    expect(direct.status).toBe(200);
    expect((direct.json as PromoteResponse).deployment.champion.version).toBe(2);
    const stale = await r.call('POST', `${UC}/deployment/approvals/${asked.approval!.id}/approve`, {}, bob);
    expect(errorOf(stale).code).toBe('DEPLOYMENT_APPROVAL_CLOSED');
  });
});
