// The Models, Playground and Money pages in Debian's Chromium against `shopfloor demo`: charts load, versions compare, the playground predicts and degrades, the money table shows, hostile names stay text.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchChromium, startDemo, workDir, type DemoServer, type WatchedPage } from './browser-harness.js';

const UC = 'machine-failure';
const HOSTILE = '<img src=x onerror=alert(1)>';

/** A small CSV whose first sensor is named like an HTML injection; the event follows that sensor so the model uses it. */
function hostileCsv(): string {
  const lines = [`id,"${HOSTILE}",temperature,failure`];
  for (let i = 1; i <= 400; i++) {
    const reading = (i * 37) % 100;
    const temperature = 20 + ((i * 13) % 15);
    lines.push(`${i},${reading},${temperature},${reading > 80 || (reading > 60 && temperature > 30) ? 1 : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every input, select and textarea has a label (a <label for>, a wrapping label or aria-label/-labelledby). */
async function unlabelledControls(watched: WatchedPage): Promise<string[]> {
  return watched.page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => {
        const control = el as HTMLInputElement;
        return (control.labels?.length ?? 0) === 0 && !control.hasAttribute('aria-label') && !control.hasAttribute('aria-labelledby');
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

describe('models, playground and money pages in Chromium', () => {
  let work: Awaited<ReturnType<typeof workDir>> | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let server: DemoServer | undefined;
  let dialogs: string[] = [];

  const openPage = async (name: string, hash: string, testId: string): Promise<WatchedPage> => {
    const watched = await chromium!.newPage(name);
    watched.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await watched.signIn(server!);
    await watched.open(server!, hash, testId);
    return watched;
  };

  beforeAll(async () => {
    work = await workDir('web-models');
    server = await startDemo(work.path, join(work.path, 'data'));
    // A second version, so the comparison and the metric history have two to show.
    const trained = await apiCall(server, 'POST', `/use-cases/${UC}/train`, { params: { maxIter: 30, learningRate: 0.2 } });
    expect(trained.status, JSON.stringify(trained.body)).toBe(201);
    chromium = await launchChromium(join(work.path, 'chromium-profile'));
  }, 240_000);

  afterEach(() => {
    // Any console error or uncaught exception on any page fails the test that caused it.
    expect(chromium?.errors() ?? []).toEqual([]);
  });

  afterAll(async () => {
    await chromium?.close();
    if (server !== undefined) expect(await server.stop()).toBe(0);
    server?.kill();
    await work?.remove();
  });

  it('shows curves, confusion, SHAP, robustness and history for the champion, and compares two versions with their flips', async () => {
    const watched = await openPage('models', `#/use-cases/${UC}/models`, 'models-page');
    const { page } = watched;
    expect(await page.getByTestId('model-version-row').count()).toBe(2);
    for (const id of ['chart-roc', 'chart-pr', 'chart-calibration', 'confusion-matrix', 'feature-importance', 'shap-mean', 'shap-beeswarm', 'chart-history']) {
      await page.getByTestId(id).waitFor({ timeout: 60_000 });
    }
    expect(await page.getByTestId('chart-roc').locator('path').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('chart-roc').locator('.chart-marker text').textContent()).toMatch(/^threshold \d+(\.\d+)? %$/);
    expect(await page.getByTestId('shap-beeswarm').locator('circle').count()).toBeGreaterThan(100);
    expect(await page.getByTestId('shap-mean-row').count()).toBe(6);
    expect(await page.getByTestId('confusion-matrix').innerText()).toMatch(/cost-optimal threshold \d/);
    await page.getByTestId('robustness-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('robustness-row').count()).toBe(5);
    await watched.screenshot('champion');

    // Another version's card and curves, chosen with the keyboard.
    await page.getByTestId('show-version-2').focus();
    await page.keyboard.press('Enter');
    await page.locator('#card-heading', { hasText: 'v2' }).waitFor();
    await page.getByTestId('chart-roc').waitFor();

    await page.getByTestId('compare-baseline').selectOption({ label: 'v1 (champion)' });
    await page.getByTestId('compare-candidate').selectOption({ index: 0 });
    await page.getByTestId('compare-submit').click();
    await page.getByTestId('comparison-result').waitFor({ timeout: 60_000 });
    const flips = await page.getByTestId('decision-flips').first().innerText();
    expect(flips).toMatch(/Decisions that flip on benchmark: \d+/);
    expect(flips).toMatch(/turns \d+ wrong decisions right and \d+ right ones wrong/);
    await watched.screenshot('compared');
    expect(await unlabelledControls(watched)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('predicts in the playground from the keyboard, then shows the degraded answer when a sensor fails', async () => {
    const watched = await openPage('playground', `#/use-cases/${UC}/playground`, 'predict-form');
    const { page } = watched;
    expect(await page.getByTestId('input-range').count()).toBe(5);
    expect(await page.getByTestId('input-range').first().innerText()).toMatch(/Middle half of training rows .* 90 % within/);

    // Keyboard only: Tab to Predict, Enter.
    let onSubmit = false;
    for (let i = 0; i < 80 && !onSubmit; i++) {
      await page.keyboard.press('Tab');
      onSubmit = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'predict-submit');
    }
    expect(onSubmit).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('prediction-result').waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('prediction-decision').innerText()).trim()).not.toBe('');
    expect(await page.getByTestId('contribution-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('degraded-answer').count()).toBe(0);

    // Keyboard again: focus the torque toggle and press Space.
    const torqueFails = page.locator('[data-testid="sensor-fails"][data-feature="Torque [Nm]"]');
    await torqueFails.focus();
    await page.keyboard.press('Space');
    expect(await torqueFails.isChecked()).toBe(true);
    const degraded = page.getByTestId('degraded-answer');
    await degraded.waitFor({ timeout: 30_000 });
    expect(['companion', 'rule', 'abstain']).toContain(await degraded.getAttribute('data-path'));
    expect(await page.getByTestId('degraded-unseen').innerText()).toContain('Torque [Nm]');
    expect((await page.getByTestId('degraded-reason').innerText()).trim()).not.toBe('');
    if ((await degraded.getAttribute('data-path')) === 'companion') {
      // The companion explains its answer too, and never with the sensor it could not see.
      const explained = await page.getByTestId('degraded-explanation').getByTestId('contribution-row').allInnerTexts();
      expect(explained.length).toBeGreaterThan(0);
      expect(explained.join('\n')).not.toContain('Torque [Nm]');
    }
    await watched.screenshot('torque-fails');

    // Two sensors at once: no companion leaves out both, so the fallback rule answers or nobody does.
    await page.locator('[data-testid="sensor-fails"][data-feature="Tool wear [min]"]').check();
    await page.waitForFunction(() => ['rule', 'abstain'].includes(document.querySelector('[data-testid="degraded-answer"]')?.getAttribute('data-path') ?? ''));
    expect(await page.getByTestId('degraded-unseen').innerText()).toMatch(/Torque \[Nm\][\s\S]*Tool wear \[min\]/);
    await watched.screenshot('two-fail');
    await page.locator('[data-testid="sensor-fails"][data-feature="Tool wear [min]"]').uncheck();
    await torqueFails.uncheck();
    await degraded.waitFor({ state: 'detached' });
    expect(await unlabelledControls(watched)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('shows the cost table and the expected saving on the front page', async () => {
    const watched = await openPage('money', `#/use-cases/${UC}`, 'money-panel');
    const { page } = watched;
    const rows = page.getByTestId('cost-row');
    expect(await rows.count()).toBe(4);
    expect(await page.getByTestId('cost-table').innerText()).toContain('€5,000');
    expect(await page.getByTestId('money-saving-per-1000').innerText()).toMatch(/€[\d,]+/);
    await page.getByTestId('money-volume').fill('50000');
    expect(await page.getByTestId('money-per-month').innerText()).toMatch(/€[\d,]+ (saved|lost) per month/);
    await watched.screenshot('front-page');
    expect(await unlabelledControls(watched)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('shows residuals instead of curves for a regression model, and its playground answers with a value', async () => {
    const demo = await apiCall<{ datasetVersionId: string }>(server!, 'GET', `/use-cases/${UC}`);
    const created = await apiCall(server!, 'POST', '/use-cases', {
      id: 'torque-forecast',
      name: 'Torque from the other sensors',
      task: 'regression',
      datasetVersionId: demo.body.datasetVersionId,
      target: 'Torque [Nm]',
      features: [{ name: 'Rotational speed [rpm]', unit: 'rpm' }, { name: 'Tool wear [min]', unit: 'min' }, { name: 'Type' }],
      split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
      costs: { kind: 'regression', currency: 'EUR', actionThreshold: 60, actWhen: 'above', earlyActionCosts: 50, lateActionCosts: 800, actionName: 'check the spindle' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const trained = await apiCall(server!, 'POST', '/use-cases/torque-forecast/train', { params: { maxIter: 30 } });
    expect(trained.status, JSON.stringify(trained.body)).toBe(201);

    const models = await openPage('regression-models', '#/use-cases/torque-forecast/models', 'models-page');
    await models.page.getByTestId('chart-residuals').waitFor({ timeout: 60_000 });
    await models.page.getByTestId('chart-residual-histogram').waitFor();
    expect(await models.page.getByTestId('chart-residuals').locator('circle').count()).toBeGreaterThan(100);
    expect(await models.page.getByTestId('chart-roc').count()).toBe(0);
    expect(await models.page.getByTestId('confusion-matrix').innerText()).toContain('check the spindle');
    await models.screenshot('residuals');

    const money = await openPage('regression-money', '#/use-cases/torque-forecast', 'money-panel');
    expect(await money.page.getByTestId('cost-row').count()).toBe(4);
    expect(await money.page.getByTestId('cost-table').innerText()).toContain('€800');

    const playground = await openPage('regression-playground', '#/use-cases/torque-forecast/playground', 'predict-form');
    await playground.page.getByTestId('predict-submit').click();
    await playground.page.getByTestId('prediction-result').waitFor({ timeout: 30_000 });
    expect(await playground.page.getByTestId('prediction-score').innerText()).toMatch(/^\d+(\.\d+)?$/);
  });

  it('renders a sensor named like HTML as text on every page, and never runs it', async () => {
    const imported = await fetch(`${server!.url}/api/v1/datasets?name=hostile&fileName=hostile.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server!.token}`, 'content-type': 'text/csv' },
      body: hostileCsv(),
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const datasetVersionId = ((await imported.json()) as { id: string }).id;
    const created = await apiCall(server!, 'POST', '/use-cases', {
      id: 'hostile-names',
      name: `Line ${HOSTILE}`,
      task: 'binary',
      datasetVersionId,
      target: 'failure',
      features: [{ name: HOSTILE, unit: '<b>u</b>' }, { name: 'temperature', unit: '°C' }],
      split: { kind: 'key', column: 'id', modulo: 4, remainder: 0 },
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 400, falseAlarmCosts: 50, missCosts: 500 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const trained = await apiCall(server!, 'POST', '/use-cases/hostile-names/train', { params: { maxIter: 20 } });
    expect(trained.status, JSON.stringify(trained.body)).toBe(201);

    dialogs = [];
    const models = await openPage('hostile-models', '#/use-cases/hostile-names/models', 'models-page');
    await models.page.getByTestId('shap-beeswarm').waitFor({ timeout: 60_000 });
    expect(await models.page.getByTestId('shap-mean').innerText()).toContain(HOSTILE);
    expect(await models.page.locator('img').count()).toBe(0);
    await models.screenshot('hostile');
    const playground = await openPage('hostile-playground', '#/use-cases/hostile-names/playground', 'predict-form');
    await playground.page.getByTestId('predict-submit').click();
    await playground.page.getByTestId('prediction-result').waitFor({ timeout: 30_000 });
    await playground.page.locator('[data-testid="sensor-fails"]').first().check();
    await playground.page.getByTestId('degraded-answer').waitFor({ timeout: 30_000 });
    expect(await playground.page.getByTestId('degraded-unseen').innerText()).toContain(HOSTILE);
    expect(await playground.page.locator('img, b').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(models.errors).toEqual([]);
    expect(playground.errors).toEqual([]);
  });
});
