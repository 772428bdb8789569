// `shopfloor demo` as a user starts it, driven through Debian's Chromium: sign in, predict, stop, and rerun on the same data.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, startDemo, workDir, type DemoServer } from './browser-harness.js';

describe('shopfloor demo in Chromium', () => {
  let work: Awaited<ReturnType<typeof workDir>> | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const running: DemoServer[] = [];

  beforeAll(async () => {
    work = await workDir('demo');
  });

  afterAll(async () => {
    for (const demo of running) demo.kill();
    await chromium?.close();
    await work?.remove();
  });

  it('serves the UI, signs in from the printed link, predicts, stops on Ctrl-C, and reuses everything on a second run', async () => {
    const dataDir = join(work!.path, 'data');
    const port = await freePort();
    const t0 = Date.now();
    const first = await startDemo(work!.path, dataDir, port);
    running.push(first);
    const firstReadyMs = Date.now() - t0;
    const url = first.url;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const out = first.stdout();
    expect(out).toContain('(imported)');
    expect(out).toContain('machine-failure: Machine failure (AI4I 2020 milling) (created)');
    expect(out).toMatch(/model {5}v1 \(champion; trained now in [\d.]+ s\): AUC 0\.9\d+/);
    const token = /Admin token \(shown only now; keep it\): (sf_[A-Za-z0-9_-]{43})\n/.exec(out)?.[1];
    expect(token).toBeDefined();
    expect(first.token).toBe(token);
    const loginUrl = `${url}/#token=${token}`;
    expect(out).toContain(`Sign in (opens the UI with the admin token): ${loginUrl}\n`);
    expect(out).toContain(`curl -s ${url}/api/v1/use-cases/machine-failure/predict`);
    expect(out).toContain(`-H "Authorization: Bearer ${token}"`);

    // The curl example works as printed.
    const body = /-d '(\{.*\})'\n/.exec(out)?.[1];
    expect(body).toBeDefined();
    const api = await fetch(`${url}/api/v1/use-cases/machine-failure/predict`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body!,
    });
    expect(api.status).toBe(200);
    const answer = (await api.json()) as { predictions: { score: number; decision: { label: string }; contributions?: unknown[] }[] };
    expect(answer.predictions).toHaveLength(1);
    expect(answer.predictions[0]!.contributions?.length).toBeGreaterThan(0);

    chromium = await launchChromium(join(work!.path, 'chromium-profile'));
    const watched = await chromium.newPage('demo');
    const { page } = watched;
    await watched.signIn(first);
    await watched.open(first, '#/use-cases/machine-failure', 'predict-form');
    await page.getByTestId('predict-submit').click();
    const result = page.getByTestId('prediction-result');
    await result.waitFor({ timeout: 20_000 });
    expect((await page.getByTestId('prediction-decision').innerText()).trim()).not.toBe('');
    expect(await page.getByTestId('prediction-score').innerText()).toMatch(/\d+(\.\d+)? ?%/);
    await page.getByTestId('contributions-chart').waitFor();
    expect(await page.getByTestId('contribution-row').count()).toBeGreaterThan(0);
    await watched.screenshot('predicted');
    expect(watched.errors).toEqual([]);

    expect(await first.stop()).toBe(0);
    expect(first.stderr()).toContain('SIGINT: stopping Shopfloor...');

    // Second run on the same data: same dataset version, use case and champion; no new admin token.
    const t1 = Date.now();
    const second = await startDemo(work!.path, dataDir, port);
    running.push(second);
    const secondReadyMs = Date.now() - t1;
    const again = second.stdout();
    expect(again).toContain('(already imported, reused)');
    expect(again).toContain('(exists, reused)');
    expect(again).toMatch(/model {5}v1 \(champion; existing, reused\)/);
    expect(again).not.toContain('Admin token (shown only now');
    expect(again).toContain(`Mint another with: shopfloor token create --user admin --data-dir ${dataDir}`);
    const models = await fetch(`${url}/api/v1/use-cases/machine-failure/models`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await models.json()) as unknown[]).length).toBe(1);
    expect(await second.stop()).toBe(0);
    console.log(`demo ready: first run ${(firstReadyMs / 1000).toFixed(1)} s (import + train), second run ${(secondReadyMs / 1000).toFixed(1)} s`);
  }, 300_000);
});
