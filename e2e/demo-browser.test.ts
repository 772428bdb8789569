// `shopfloor demo` as a user starts it, driven through Debian's Chromium: sign in, predict, stop, and rerun on the same data.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/shopfloor.js');
const CHROMIUM = '/usr/bin/chromium';
const READY_TIMEOUT_MS = 90_000;

type Demo = ChildProcessByStdio<null, Readable, Readable>;

interface Running {
  child: Demo;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SHOPFLOOR_')) env[key] = value;
  return env;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function startDemo(cwd: string, port: number, dataDir: string): Running {
  const child = spawn(process.execPath, [BIN, 'demo', '--port', String(port), '--data-dir', dataDir], {
    cwd,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves with the URL once the demo prints it; rejects if the process ends or the timeout passes first. */
async function waitForUrl(demo: Running): Promise<string> {
  const started = Date.now();
  let exitCode: number | null | undefined;
  void demo.exited.then((code) => (exitCode = code));
  for (;;) {
    const match = /Shopfloor is running at (http:\/\/\S+)/.exec(demo.stdout());
    if (match?.[1] !== undefined) return match[1];
    if (exitCode !== undefined) throw new Error(`demo exited with ${exitCode} before serving:\n${demo.stdout()}\n${demo.stderr()}`);
    if (Date.now() - started > READY_TIMEOUT_MS) throw new Error(`demo printed no URL within 90 s:\n${demo.stdout()}\n${demo.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(demo: Running): Promise<number | null> {
  demo.child.kill('SIGINT');
  return demo.exited;
}

describe('shopfloor demo in Chromium', () => {
  let work = '';
  let browser: Browser | undefined;
  const running: Running[] = [];

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('packages/cli/dist is missing: run npm run build first');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    work = await mkdtemp(join(tmpdir(), 'shopfloor-demo-'));
  });

  afterAll(async () => {
    for (const demo of running) if (demo.child.exitCode === null && demo.child.signalCode === null) demo.child.kill('SIGKILL');
    await browser?.close();
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('serves the UI, signs in from the printed link, predicts, stops on Ctrl-C, and reuses everything on a second run', async () => {
    const dataDir = join(work, 'data');
    const port = await freePort();
    const first = startDemo(work, port, dataDir);
    running.push(first);
    const t0 = Date.now();
    const url = await waitForUrl(first);
    const firstReadyMs = Date.now() - t0;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const out = first.stdout();
    expect(out).toContain('(imported)');
    expect(out).toContain('machine-failure: Machine failure (AI4I 2020 milling) (created)');
    expect(out).toMatch(/model {5}v1 \(champion; trained now in [\d.]+ s\): AUC 0\.9\d+/);
    const token = /Admin token \(shown only now; keep it\): (sf_[A-Za-z0-9_-]{43})\n/.exec(out)?.[1];
    expect(token).toBeDefined();
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

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(loginUrl);
    await page.waitForFunction(() => !window.location.hash.includes('token='));
    await page.goto(`${url}/#/use-cases/machine-failure`);
    await page.getByTestId('predict-form').waitFor({ timeout: 20_000 });
    await page.getByTestId('predict-submit').click();
    const result = page.getByTestId('prediction-result');
    await result.waitFor({ timeout: 20_000 });
    expect((await page.getByTestId('prediction-decision').innerText()).trim()).not.toBe('');
    expect(await page.getByTestId('prediction-score').innerText()).toMatch(/\d+(\.\d+)? ?%/);
    await page.getByTestId('contributions-chart').waitFor();
    expect(await page.getByTestId('contribution-row').count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);

    expect(await stop(first)).toBe(0);
    expect(first.stderr()).toContain('SIGINT: stopping Shopfloor...');

    // Second run on the same data: same dataset version, use case and champion; no new admin token.
    const second = startDemo(work, port, dataDir);
    running.push(second);
    const t1 = Date.now();
    await waitForUrl(second);
    const secondReadyMs = Date.now() - t1;
    const again = second.stdout();
    expect(again).toContain('(already imported, reused)');
    expect(again).toContain('(exists, reused)');
    expect(again).toMatch(/model {5}v1 \(champion; existing, reused\)/);
    expect(again).not.toContain('Admin token (shown only now');
    expect(again).toContain(`Mint another with: shopfloor token create --user admin --data-dir ${dataDir}`);
    const models = await fetch(`${url}/api/v1/use-cases/machine-failure/models`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await models.json()) as unknown[]).length).toBe(1);
    expect(await stop(second)).toBe(0);
    console.log(`demo ready: first run ${(firstReadyMs / 1000).toFixed(1)} s (import + train), second run ${(secondReadyMs / 1000).toFixed(1)} s`);
  }, 300_000);
});
