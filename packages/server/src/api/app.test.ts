// The app skeleton over HTTP (app.inject) on both store backends: health, OpenAPI, auth, errors, audit, metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestApp, type TestApp } from './test-app.js';

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

describe.each(['sqlite', 'postgres'] as const)('app on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(backend);
    // Routes a test needs besides the real ones: added before the app is ready, as route files do.
    t.app.post(
      '/api/v1/test/readings',
      {
        schema: { body: z.object({ rows: z.array(z.record(z.string(), z.number())).min(1) }) },
        config: { access: 'engineer' },
      },
      async (request) => ({ n: request.body.rows.length }),
    );
    t.app.get('/api/v1/test/boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret connection string postgres://user:pw@db');
    });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers /healthz when the store answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', store: backend, time: '2024-05-01T06:00:00.000Z' });
  });

  it('serves an OpenAPI document listing the routes, their schemas and bearer security', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/v1/me', '/api/v1/users', '/api/v1/tokens']));
    const createUser = doc.paths['/api/v1/users'].post;
    expect(createUser.security).toEqual([{ bearerAuth: [] }]);
    expect(createUser.requestBody.content['application/json'].schema.properties.role.enum).toEqual([
      'viewer',
      'operator',
      'engineer',
      'admin',
    ]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });

  it('answers 401 AUTH_TOKEN_MISSING without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'AUTH_TOKEN_MISSING', message: expect.any(String), details: {} } });
  });

  it.each([
    ['an unknown token', `Bearer sf_${'A'.repeat(43)}`],
    ['a malformed token', 'Bearer hunter2'],
    ['another scheme', 'Basic YWRtaW46YWRtaW4='],
  ])('answers 401 AUTH_TOKEN_INVALID for %s', async (_, authorization) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_TOKEN_INVALID');
  });

  it('answers 403 AUTH_ROLE_TOO_WEAK when an engineer tries an admin route, and creates nothing', async () => {
    const engineer = await t.userWithRole('engineer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: engineer.headers,
      payload: { name: 'sneaky', role: 'admin' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'AUTH_ROLE_TOO_WEAK', details: { role: 'engineer', needed: 'admin' } });
    expect(await t.store.users.getByName('sneaky')).toBeNull();
  });

  it('lets the admin create a user and a token for them, recording who did it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(t.admin.token),
      payload: { name: 'Olga Operator', role: 'operator' },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ name: 'Olga Operator', role: 'operator', createdAt: '2024-05-01T06:00:00.000Z' });

    const minted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(t.admin.token),
      payload: { userId: user.id, name: 'hmi-3' },
    });
    expect(minted.statusCode).toBe(201);
    const { token } = minted.json();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(user);

    const audit = await t.store.audit.list({ userId: t.admin.user.id });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.create', 'token.create']));
    expect(JSON.stringify(audit)).not.toContain(token);

    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(t.admin.token),
      payload: { name: 'Olga Operator', role: 'viewer' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('USER_EXISTS');
  });

  it('answers 404 USER_NOT_FOUND when minting a token for nobody', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(t.admin.token),
      payload: { userId: 'usr_nobody' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
  });

  it('answers 400 VALIDATION_FAILED naming the field for a bad body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(t.admin.token),
      payload: { name: 'x', role: 'root' },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/^body\.role: /);
    expect(error.details).toMatchObject({ in: 'body', issues: [{ path: 'role' }] });
  });

  it('names a nested field path verbatim, e.g. rows[0].Torque [Nm]', async () => {
    const engineer = await t.userWithRole('engineer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/readings',
      headers: engineer.headers,
      payload: { rows: [{ 'Torque [Nm]': 'high', 'Tool wear [min]': 3 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('body.rows[0].Torque [Nm]:');
    expect(res.json().error.details.issues[0].path).toBe('rows[0].Torque [Nm]');
  });

  it('answers 400 REQUEST_MALFORMED for a body that is not JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...bearer(t.admin.token), 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('REQUEST_MALFORMED');
  });

  it('audits a mutating route that did not audit itself, with the caller', async () => {
    const engineer = await t.userWithRole('engineer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/readings',
      headers: engineer.headers,
      payload: { rows: [{ 'Torque [Nm]': 40.1 }] },
    });
    expect(res.statusCode).toBe(200);
    const entries = await t.store.audit.list({ userId: engineer.user.id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'POST /api/v1/test/readings', subject: '/api/v1/test/readings' });
  });

  it('answers 404 ROUTE_NOT_FOUND in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: expect.stringContaining('/api/v1/nothing-here'), details: { method: 'GET', path: '/api/v1/nothing-here' } },
    });
  });

  it('answers 500 INTERNAL_ERROR without the message or stack of the failure', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(body.error.details.requestId).toEqual(expect.any(String));
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('app.test.ts');
  });

  it('exposes request counts by route and status, and default process metrics, at /metrics', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/shopfloor_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(res.body).toMatch(/shopfloor_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(res.body).toMatch(/shopfloor_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/me",status="401"\}/);
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});
