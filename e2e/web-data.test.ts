// The Data page, a 1,000,000-point sensor trace and span labeling, driven through Debian's Chromium against `shopfloor serve`.
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/shopfloor.js');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'e2e/artifacts');
const XSS = '<img src=x onerror=alert(1)>';
const NOTE = '<script>alert("note")</script> bearing noise';
const T0 = Date.UTC(2024, 3, 1);
const POINTS = 1_000_000;
const run = promisify(execFile);

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SHOPFLOOR_')) env[key] = value;
  return env;
}

/** The vibration channel: a slow wave with noise, one reading a second, stuck for 20 minutes from hour 100. */
function vibrationAt(i: number): number {
  if (i >= 360_000 && i < 361_200) return 4.2;
  return Number((4 + Math.sin(i / 5000) + 0.3 * Math.sin(i * 12.9898) * Math.cos(i * 78.233)).toFixed(3));
}

/** Long readings CSV lines for [start, end) of one sensor, `stepMs` apart. */
function readingsCsv(sensor: string, start: number, end: number, stepMs: number, value: (i: number) => number): string {
  const lines = ['time,sensor,value'];
  for (let i = start; i < end; i++) lines.push(`${new Date(T0 + i * stepMs).toISOString()},${sensor},${value(i)}`);
  return `${lines.join('\n')}\n`;
}

function pressCsv(): string {
  const lines = ['asset,time,torque,failed'];
  for (let h = 0; h < 48; h++) lines.push(`press-1,${new Date(T0 + h * 3_600_000).toISOString()},${40 + (h % 7)},${h % 5 === 0 ? 1 : 0}`);
  return `${lines.join('\n')}\n`;
}

describe('Data page, sensor traces and labeling in Chromium', () => {
  let work = '';
  let server: ChildProcessByStdio<null, Readable, Readable> | undefined;
  let browser: BrowserContext | undefined;
  let url = '';
  let token = '';

  const api = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> =>
    fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('packages/cli/dist is missing: run npm run build first');
    if (!existsSync(join(ROOT, 'packages/web/dist/index.html'))) throw new Error('packages/web/dist is missing: npm run build -w @shopfloor/web');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    await mkdir(ARTIFACTS, { recursive: true });
    work = await mkdtemp(join(tmpdir(), 'shopfloor-web-data-'));
    const dataDir = join(work, 'data');
    const minted = await run(process.execPath, [BIN, 'token', 'create', '--data-dir', dataDir, '--json', '--name', 'web-data e2e'], { cwd: work, env: cleanEnv() });
    token = (JSON.parse(minted.stdout) as { token: string }).token;
    server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--json', '--data-dir', dataDir], { cwd: work, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    server.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve printed no URL in 60 s:\n${out}\n${err}`)), 60_000);
      server!.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const line = out.split('\n')[0];
        if (out.includes('\n') && line !== undefined) {
          clearTimeout(timer);
          resolveUrl((JSON.parse(line) as { url: string }).url);
        }
      });
      server!.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}\n${err}`)));
    });

    // A use case for the labels, and three sensors on press-1: 1,000,000 vibration readings, 10,000 temperatures, and one named with markup.
    const imported = await api('POST', '/datasets?name=press-line&fileName=press.csv', pressCsv(), 'text/csv');
    expect(imported.status).toBe(201);
    const useCase = await api('POST', '/use-cases', {
      id: 'press-failure',
      name: 'Press failure',
      task: 'binary',
      target: 'failed',
      features: [{ name: 'torque', unit: 'Nm' }],
      entityColumn: 'asset',
      timeColumn: 'time',
      split: { kind: 'key', column: 'torque', modulo: 3, remainder: 0 },
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
      datasetVersionId: ((await imported.json()) as { id: string }).id,
    });
    expect(useCase.status).toBe(201);
    const sensors = await api('POST', '/sensors', {
      sensors: [
        { id: 'press-1.vibration', asset: 'press-1', unit: 'mm/s', min: 0, max: 20, samplePeriodMs: 1000, resolution: 0.001 },
        { id: 'press-1.temperature', asset: 'press-1', unit: '°C', min: -20, max: 200, samplePeriodMs: 100_000, resolution: 0.1 },
        { id: XSS, asset: 'press-1', unit: '<b>u</b>', min: 0, max: 10, samplePeriodMs: 60_000 },
      ],
    });
    expect(sensors.status).toBe(200);
    const started = Date.now();
    const BATCH = 200_000;
    for (let i = 0; i < POINTS; i += BATCH) {
      const res = await api('POST', '/readings/import?fileName=vibration.csv', readingsCsv('press-1.vibration', i, i + BATCH, 1000, vibrationAt), 'text/csv');
      const body = (await res.json()) as { accepted: number; rejected: unknown[] };
      expect([res.status, body.accepted, body.rejected.length]).toEqual([200, BATCH, 0]);
    }
    const importSeconds = (Date.now() - started) / 1000;
    const temp = await api('POST', '/readings/import?fileName=temperature.csv', readingsCsv('press-1.temperature', 0, 10_000, 100_000, (i) => Number((60 + 5 * Math.sin(i / 300)).toFixed(1))), 'text/csv');
    expect([temp.status, ((await temp.json()) as { accepted: number }).accepted]).toEqual([200, 10_000]);
    const xss = await api('POST', '/readings/import?fileName=xss.csv', readingsCsv(XSS, 0, 200, 60_000, (i) => i % 10), 'text/csv');
    expect([xss.status, ((await xss.json()) as { accepted: number }).accepted]).toEqual([200, 200]);
    console.log(`web-data: imported ${POINTS} vibration readings in ${importSeconds.toFixed(1)} s (5 batches of ${BATCH} through POST /api/v1/readings/import)`);

    // A fresh profile directory per run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(join(work, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      viewport: { width: 1600, height: 1100 },
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined && server.exitCode === null) {
      server.kill('SIGINT');
      await new Promise((r) => server!.once('exit', r));
    }
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  /** A signed-in page that records console errors, page errors and any dialog (an alert would be XSS). */
  async function openPage(): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
    const page = await browser!.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${url}/#token=${token}`);
    await page.waitForFunction(() => !window.location.hash.includes('token='));
    return { page, errors, dialogs };
  }

  /** Inputs, selects and text areas with no <label> (by for= or by wrapping); [] when every one has one. */
  const unlabelled = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
        .filter((el) => el.labels === null || el.labels.length === 0)
        .map((el) => el.outerHTML.slice(0, 80)),
    );

  /** Resolves when every channel shows its data for the current window. */
  const allFresh = (page: Page) =>
    page.waitForFunction(() => {
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=trace-canvas]')];
      return canvases.length > 0 && canvases.every((c) => c.dataset['fresh'] === 'true');
    }, undefined, { timeout: 60_000 });

  it('lists datasets with column statistics and sensors with markup in their names as text, with no console error', async () => {
    const { page, errors, dialogs } = await openPage();
    await page.getByTestId('nav-data').click();
    await page.getByTestId('sensor-list').waitFor();
    await page.getByTestId('dataset-version').first().waitFor();
    await page.getByTestId('dataset-version').first().locator('summary').click();
    expect(await page.getByTestId('dataset-column').count()).toBe(4);
    expect(await page.getByTestId('dataset-column').filter({ hasText: 'torque' }).innerText()).toMatch(/numeric/);
    const links = await page.getByTestId('sensor-trace-link').allInnerTexts();
    expect(links).toContain(XSS);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await unlabelled(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'web-data-data-page.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 120_000);

  it('opens the 1,000,000-point channel beside another, shades trust findings, and redraws a zoom at the new window', async () => {
    const { page, errors, dialogs } = await openPage();
    const opened = Date.now();
    await page.goto(`${url}/#/data/trace?sensor=press-1.vibration&sensor=press-1.temperature&useCase=press-failure`);
    await allFresh(page);
    const openSeconds = (Date.now() - opened) / 1000;
    expect(await page.getByTestId('trace-channel').count()).toBe(2);
    expect(await page.getByTestId('trace-window').innerText()).toContain('1,010,000 readings');
    // The stuck stretch is a finding of the vibration channel.
    const findings = await page.getByTestId('trace-channel').first().getByTestId('trace-findings').locator('li').allTextContents();
    expect(findings).toEqual(expect.arrayContaining([expect.stringMatching(/^STUCK/)]));
    await page.screenshot({ path: join(ARTIFACTS, 'web-data-trace-1m.png'), fullPage: true });

    // The time from the zoom click to the redrawn plots at the new window, measured inside the page.
    const zoomMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      zoomMs.push(
        await page.evaluate(async () => {
          const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=trace-canvas]')];
          const before = canvases.map((c) => c.dataset['window']);
          const t0 = performance.now();
          document.querySelector<HTMLButtonElement>('[data-testid=zoom-in]')!.click();
          await new Promise<void>((resolve) => {
            const check = (): void => {
              if (canvases.every((c, k) => c.dataset['window'] !== before[k] && c.dataset['fresh'] === 'true')) resolve();
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          });
          return performance.now() - t0;
        }),
      );
    }
    // The wheel zooms too (around the pointer) and refetches.
    const box = (await page.getByTestId('trace-canvas').first().boundingBox())!;
    const beforeWheel = await page.getByTestId('trace-canvas').first().getAttribute('data-window');
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.mouse.wheel(0, -200);
    await page.waitForFunction((w) => document.querySelector<HTMLCanvasElement>('[data-testid=trace-canvas]')!.dataset['window'] !== w, beforeWheel);
    await allFresh(page);
    // Drag in zoom mode (M switches it) narrows the window to the dragged stretch; + zooms from the keyboard.
    await page.keyboard.press('m');
    expect(await page.getByTestId('mode-zoom').isChecked()).toBe(true);
    const beforeDrag = await page.getByTestId('trace-canvas').first().getAttribute('data-window');
    await page.mouse.move(box.x + box.width * 0.3, box.y + 50);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + 50, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction((w) => document.querySelector<HTMLCanvasElement>('[data-testid=trace-canvas]')!.dataset['window'] !== w, beforeDrag);
    await allFresh(page);
    const [dragFrom, dragTo] = (await page.getByTestId('trace-canvas').first().getAttribute('data-window'))!.split('-').map(Number);
    const [wasFrom, wasTo] = beforeDrag!.split('-').map(Number);
    expect(dragTo! - dragFrom!).toBeLessThan((wasTo! - wasFrom!) * 0.4);
    expect(dragFrom!).toBeGreaterThan(wasFrom!);
    await page.keyboard.press('+');
    await page.waitForFunction((w) => document.querySelector<HTMLCanvasElement>('[data-testid=trace-canvas]')!.dataset['window'] !== w, `${dragFrom}-${dragTo}`);
    await page.keyboard.press('m');
    await page.getByTestId('zoom-reset').click();
    await allFresh(page);
    const resetMs = await page.evaluate(async () => {
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=trace-canvas]')];
      const before = canvases.map((c) => c.dataset['window']);
      const t0 = performance.now();
      document.querySelector<HTMLButtonElement>('[data-testid=zoom-in]')!.click();
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (canvases.every((c, k) => c.dataset['window'] !== before[k] && c.dataset['fresh'] === 'true')) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      return performance.now() - t0;
    });
    console.log(
      `web-data: trace of ${POINTS} + 10,000 points opened (with trust findings) in ${openSeconds.toFixed(1)} s; ` +
        `zoom click to redrawn plots: ${zoomMs.map((m) => `${m.toFixed(0)} ms`).join(', ')} (successive halvings from the whole range); ` +
        `${resetMs.toFixed(0)} ms for the first halving after a reset`,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'web-data-trace-zoomed.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 180_000);

  it('marks a span by dragging, sets class by shortcut and a note with script, stores it through the API, edits and deletes it', async () => {
    const { page, errors, dialogs } = await openPage();
    await page.goto(`${url}/#/data/trace?sensor=press-1.vibration&sensor=${encodeURIComponent(XSS)}&useCase=press-failure`);
    await allFresh(page);
    // The markup-named sensor is a channel whose title is text.
    expect(await page.getByTestId('trace-channel-name').allInnerTexts()).toEqual(['press-1.vibration', XSS]);
    expect(await page.getByTestId('trace-canvas').nth(1).getAttribute('aria-label')).toBe(`Trace of ${XSS} (<b>u</b>): 200 readings in the window, 0 trust findings shaded`);
    const canvas = page.getByTestId('trace-canvas').first();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + 70, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.55, box.y + 70, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('label-draft').waitFor();
    await page.keyboard.press('2');
    expect(await page.getByTestId('label-class-select').inputValue()).toBe('anomaly');
    await page.getByLabel('Note').fill(NOTE);
    await page.getByTestId('label-save').click();
    await page.getByTestId('label-status').waitFor();
    await page.getByTestId('label-item').first().waitFor();

    const stored = (await (await api('GET', '/use-cases/press-failure/labels?asset=press-1')).json()) as { labels: { id: string; class: string; note: string; start: string; end: string | null }[] };
    expect(stored.labels).toHaveLength(1);
    const label = stored.labels[0]!;
    expect(label).toMatchObject({ class: 'anomaly', note: NOTE });
    const start = Date.parse(label.start);
    const end = Date.parse(label.end!);
    // 40 % .. 55 % of the plot area of an 11.6-day window: days 4 to 7, give or take the axis margin.
    expect(end - start).toBeGreaterThan(24 * 3_600_000);
    expect(start).toBeGreaterThan(T0 + 3 * 86_400_000);
    expect(end).toBeLessThan(T0 + 8 * 86_400_000);
    expect(await page.getByTestId('label-note-text').first().innerText()).toBe(NOTE);
    expect(await unlabelled(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'web-data-labeled.png'), fullPage: true });

    // Edit: choose it in the list, change the note, save; the API shows the edit standing and the old one retracted.
    await page.getByTestId('label-item').first().locator('button').click();
    // The span's end, typed: one hour later than marked. Then the note, and Tab out of it to use the class shortcut.
    const newEnd = new Date(end + 3_600_000).toISOString();
    await page.getByLabel('End (empty for an event)').fill(newEnd);
    await page.getByTestId('label-edit-note').fill('bearing noise, confirmed by maintenance');
    await page.keyboard.press('Tab');
    await page.keyboard.press('3');
    await page.getByTestId('label-update').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=label-note-text]')?.textContent === 'bearing noise, confirmed by maintenance');
    const edited = (await (await api('GET', '/use-cases/press-failure/labels?asset=press-1&includeRetracted=true')).json()) as {
      labels: { id: string; class: string; note: string; retracted: boolean; start: string; end: string | null }[];
    };
    expect(edited.labels.map((l) => [l.retracted, l.class, l.note])).toEqual(
      expect.arrayContaining([[true, 'anomaly', NOTE], [false, 'maintenance', 'bearing noise, confirmed by maintenance']]),
    );
    expect(edited.labels.find((l) => !l.retracted)).toMatchObject({ start: label.start, end: newEnd });

    // Delete with the keyboard: the chosen label goes, and stays in the history.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await page.keyboard.press(']');
    await page.getByTestId('label-edit').waitFor();
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=label-item]').length === 0);
    const after = (await (await api('GET', '/use-cases/press-failure/labels?asset=press-1')).json()) as { labels: unknown[] };
    expect(after.labels).toEqual([]);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'web-data-after-delete.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 180_000);
});
