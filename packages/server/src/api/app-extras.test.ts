// App behaviour that needs its own app: the access guard, the web UI, a store that stops answering, real listening.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { systemClock } from '../clock.js';
import { openTestStore } from '../store/index.js';
import { createApp } from './app.js';
import { startServer } from './start.js';
import { openTestApp, type TestApp } from './test-app.js';

describe('route access guard', () => {
  it('refuses at startup an /api route that does not declare who may call it', async () => {
    const t = await openTestApp('sqlite');
    try {
      expect(() => t.app.post('/api/v1/unguarded', async () => ({ ok: true }))).toThrow(/must declare config.access/);
    } finally {
      await t.cleanup();
    }
  });
});

describe('web UI', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'shopfloor-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Shopfloor</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("ui")');
    t = await openTestApp('sqlite', { webDist: dist });
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes', async () => {
    for (const url of ['/', '/use-cases/machine-failure']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<title>Shopfloor</title>');
    }
  });

  it('serves assets, and keeps a missing asset or API path a JSON 404', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log("ui")');
    for (const url of ['/assets/missing.js', '/api/v1/nothing']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('refuses a web directory without index.html', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'shopfloor-web-empty-'));
    try {
      await expect(
        createApp({ store: t.store, clock: t.clock, config: { ...t.config, webDist: empty } }),
      ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('a store that stops answering', () => {
  it('turns /healthz into 503 STORE_UNAVAILABLE and authenticated routes into 500 INTERNAL_ERROR', async () => {
    const t = await openTestApp('sqlite');
    try {
      await t.store.close();
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json().error).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { store: 'sqlite' } });
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${t.admin.token}` } });
      expect(me.statusCode).toBe(500);
      expect(me.json().error.code).toBe('INTERNAL_ERROR');
    } finally {
      await t.app.close();
    }
  });
});

describe('two apps in one process', () => {
  it('keep separate metrics registries', async () => {
    const a = await openTestApp('sqlite');
    const b = await openTestApp('sqlite');
    try {
      await a.app.inject({ method: 'GET', url: '/healthz' });
      await a.app.inject({ method: 'GET', url: '/healthz' });
      const metricsOf = async (t: TestApp) => (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(await metricsOf(a)).toContain('shopfloor_http_requests_total{method="GET",route="/healthz",status="200"} 2');
      expect(await metricsOf(b)).not.toContain('route="/healthz"');
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });
});

describe('startServer', () => {
  it('migrates a fresh SQLite data directory, listens on a real port and closes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shopfloor-serve-'));
    const config = loadConfig({ SHOPFLOOR_DATA_DIR: dataDir, SHOPFLOOR_PORT: '0', SHOPFLOOR_LOG_LEVEL: 'silent' });
    const server = await startServer({ config, clock: systemClock });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('serves PostgreSQL when given an open store', async () => {
    const t = await openTestStore('postgres');
    const config = loadConfig({ SHOPFLOOR_PORT: '0', SHOPFLOOR_LOG_LEVEL: 'silent' });
    const server = await startServer({ config, store: t.store });
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(await res.json()).toMatchObject({ status: 'ok', store: 'postgres' });
    } finally {
      await server.close();
      await t.cleanup();
    }
  });
});
