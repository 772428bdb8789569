// `shopfloor gate` and `shopfloor compare` as CI runs them: the built CLI on a local store, then against a listening server with --url/--token.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '@shopfloor/server';
import { AI4I, USE_CASE, corruptedLabels } from './ai4i-gate-data.js';
import { AI4I_CSV, requireBuiltCli, shopfloor } from './cli-run.js';


describe('shopfloor gate and compare (built CLI)', () => {
  let work = '';

  beforeAll(async () => {
    requireBuiltCli();
    work = await mkdtemp(join(tmpdir(), 'shopfloor-gate-'));
  });
  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('on the local store: exit 1 with a FAILED report for the shuffled-label candidate, exit 0 for the better one', async () => {
    const run = (args: string[]) => shopfloor(work, args);
    const imported = JSON.parse((await run(['import', AI4I_CSV, '--name', 'ai4i2020', '--json'])).stdout);
    await writeFile(join(work, 'spec.json'), JSON.stringify({ ...USE_CASE, datasetVersionId: imported.version.id }));
    expect((await run(['use-case', 'create', '--file', 'spec.json', '--json'])).code).toBe(0);
    expect((await run(['train', 'machine-failure', '--param', 'maxIter=5', '--param', 'maxLeafNodes=4', '--json'])).code).toBe(0);
    await writeFile(join(work, 'shuffled.csv'), corruptedLabels());
    const shuffled = JSON.parse((await run(['import', 'shuffled.csv', '--name', 'ai4i2020', '--json'])).stdout);
    const v2 = await run(['train', 'machine-failure', '--dataset-version', shuffled.version.id, '--json']);
    expect(v2.code, v2.stderr).toBe(0);
    expect(JSON.parse(v2.stdout).datasetVersionId).toBe(shuffled.version.id);
    expect((await run(['train', 'machine-failure', '--json'])).code).toBe(0);

    const failed = await run(['gate', '--use-case', 'machine-failure', '--candidate', '2', '--resamples', '200']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('## Shopfloor gate FAILED');
    expect(failed.stdout).toMatch(/\| roc_auc on benchmark \| \*\*FAIL\*\* \|/);
    expect(failed.stderr).toMatch(/^error GATE_FAILED: v2 failed the gate \(roc_auc on benchmark; .*gate record gate_/);

    const passed = await run(['gate', '--use-case', 'machine-failure', '--candidate', '3', '--against', 'champion', '--report', 'gate.md', '--resamples', '200']);
    expect(passed.code, passed.stderr).toBe(0);
    expect(passed.stdout).toContain('## Shopfloor gate PASSED');
    expect(await readFile(join(work, 'gate.md'), 'utf8')).toBe(passed.stdout);

    const compared = await run(['compare', '--use-case', 'machine-failure', '--versions', 'champion,3', '--resamples', '100', '--volume', '40000']);
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stdout).toContain('### benchmark (2000 rows)');
    expect(compared.stdout).toMatch(/\| benchmark \| Type = L \| 1206 \|/);
    expect(compared.stdout).toContain('/month');

    const usage = await run(['gate', '--use-case', 'machine-failure', '--candidate', '3', '--tolerance', 'roc_auc']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error USAGE: --tolerance "roc_auc": expected KEY=VALUE/);
  });

  describe('against a server with --url and --token', () => {
    let t: TestApp;
    let url = '';
    let token = '';

    beforeAll(async () => {
      t = await openTestApp('sqlite');
      const engineer = await t.userWithRole('engineer');
      token = engineer.headers.authorization.replace(/^Bearer /, '');
      const headers = engineer.headers;
      const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=ai4i2020', headers: { ...headers, 'content-type': 'text/csv' }, payload: AI4I });
      await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers, payload: { ...USE_CASE, datasetVersionId: imported.json().id } });
      await t.app.inject({ method: 'POST', url: '/api/v1/use-cases/machine-failure/train', headers, payload: { params: { maxIter: 5, maxLeafNodes: 4 } } });
      await t.app.inject({ method: 'POST', url: '/api/v1/use-cases/machine-failure/train', headers, payload: {} });
      url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('passes v2 against the champion through the API and stores the record on the server', async () => {
      const r = await shopfloor(work, ['gate', '--use-case', 'machine-failure', '--candidate', 'v2', '--url', url, '--token', token, '--resamples', '200', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const record = JSON.parse(r.stdout);
      expect(record).toMatchObject({ passed: true, candidate: { version: 2 }, against: { version: 1 } });
      const stored = await t.app.inject({ method: 'GET', url: `/api/v1/use-cases/machine-failure/gates/${record.id}`, headers: { authorization: `Bearer ${token}` } });
      expect(stored.json().report).toBe(record.report);
    });

    it('maps the server’s errors to the same exit codes: unknown version 4, bad token 5, no server 1', async () => {
      const missing = await shopfloor(work, ['gate', '--use-case', 'machine-failure', '--candidate', '9'], { SHOPFLOOR_URL: url, SHOPFLOOR_TOKEN: token });
      expect(missing.code).toBe(4);
      expect(missing.stderr).toMatch(/^error MODEL_NOT_FOUND: /);
      const bad = await shopfloor(work, ['gate', '--use-case', 'machine-failure', '--candidate', '2', '--url', url, '--token', 'sf_nope']);
      expect(bad.code).toBe(5);
      const down = await shopfloor(work, ['gate', '--use-case', 'machine-failure', '--candidate', '2', '--url', 'http://127.0.0.1:1', '--token', token]);
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/^error SERVER_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:1/);
    });
  });
});
