// The built `shopfloor` CLI as a user runs it: import AI4I, create the use case, train, list, predict a CSV, and fail well.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AI4I_CSV as AI4I, requireBuiltCli, shopfloor } from './cli-run.js';

/** Splits a CSV without quoted fields (what predict writes for AI4I rows). */
function csvRows(text: string): string[][] {
  return text.trimEnd().split('\n').map((line) => line.split(','));
}

describe('shopfloor CLI (built, spawned in a temp working directory)', () => {
  let work = '';

  beforeAll(async () => {
    requireBuiltCli();
    work = await mkdtemp(join(tmpdir(), 'shopfloor-cli-'));
  });

  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('imports AI4I, creates the use case from a spec, trains, lists models and predicts a 20-row CSV', async () => {
    const imported = await shopfloor(work, ['import', AI4I, '--name', 'ai4i2020', '--json']);
    expect(imported.stderr).toMatch(/Created the local admin user "admin"\. Its API token is shown this once; keep it:\n {2}sf_[A-Za-z0-9_-]{43}\n/);
    expect(imported.code, imported.stderr).toBe(0);
    const dataset = JSON.parse(imported.stdout) as { created: boolean; version: { id: string; rowCount: number; columns: { name: string }[] } };
    expect(dataset.created).toBe(true);
    expect(dataset.version.rowCount).toBe(10_000);
    expect(dataset.version.columns.map((c) => c.name)).toContain('Torque [Nm]');
    expect(existsSync(join(work, 'shopfloor-data'))).toBe(true);

    const again = await shopfloor(work, ['import', AI4I, '--name', 'ai4i2020', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false, version: { id: dataset.version.id } });

    const spec = {
      id: 'machine-failure',
      name: 'Machine failure',
      task: 'binary',
      datasetVersionId: dataset.version.id,
      target: 'Machine failure',
      features: [
        { name: 'Air temperature [K]', unit: 'K' },
        { name: 'Process temperature [K]', unit: 'K' },
        { name: 'Rotational speed [rpm]', unit: 'rpm' },
        { name: 'Torque [Nm]', unit: 'Nm' },
        { name: 'Tool wear [min]', unit: 'min' },
        { name: 'Type' },
      ],
      split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
    };
    await writeFile(join(work, 'spec.json'), JSON.stringify(spec, null, 2));
    const created = await shopfloor(work, ['use-case', 'create', '--file', 'spec.json', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ id: 'machine-failure', task: 'binary', championVersionId: null });

    const trained = await shopfloor(work, ['train', 'machine-failure', '--param', 'maxIter=80', '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toBe(''); // --json: no progress lines
    const model = JSON.parse(trained.stdout) as { id: string; version: number; aliases: string[]; params: Record<string, unknown>; metrics: { auc: number; nTest: number; expectedCostPer1000: number; baselineCostPer1000: number } };
    expect(model.version).toBe(1);
    expect(model.params.maxIter).toBe(80);
    expect(model.aliases).toContain('champion');
    expect(model.metrics.nTest).toBe(2000);
    expect(model.metrics.auc).toBeGreaterThan(0.9);
    expect(model.metrics.expectedCostPer1000).toBeLessThan(model.metrics.baselineCostPer1000);

    const models = await shopfloor(work, ['models', 'machine-failure', '--json']);
    expect(models.code, models.stderr).toBe(0);
    const listed = JSON.parse(models.stdout) as { id: string; version: number }[];
    expect(listed.map((m) => [m.id, m.version])).toEqual([[model.id, 1]]);
    const table = await shopfloor(work, ['models', 'machine-failure']);
    expect(table.stdout).toMatch(/^version\s+aliases\s+AUC\s+cost \/ 1000\s+no model \/ 1000\s+created\n/);
    expect(table.stdout).toMatch(/\nv1\s+champion\s+0\.9\d{3}\s+[\d,.]+ EUR\s+[\d,.]+ EUR\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\n/);

    // 20 held-out rows (UDI % 5 == 0): the first 10 failures and the first 10 healthy machines.
    const lines = (await readFile(AI4I, 'utf8')).replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
    const header = lines[0]!;
    const heldOut = lines.slice(1).filter((line) => Number(line.split(',')[0]) % 5 === 0);
    const failed = heldOut.filter((line) => line.split(',')[8] === '1').slice(0, 10);
    const healthy = heldOut.filter((line) => line.split(',')[8] === '0').slice(0, 10);
    await writeFile(join(work, 'rows.csv'), [header, ...failed, ...healthy].join('\n') + '\n');
    const predicted = await shopfloor(work, ['predict', 'machine-failure', '--input', 'rows.csv', '--output', 'out.csv', '--explain']);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(predicted.stdout).toMatch(/^Predicted 20 rows of rows\.csv -> out\.csv: /);
    const out = csvRows(await readFile(join(work, 'out.csv'), 'utf8'));
    const inputColumns = header.split(',');
    expect(out[0]).toEqual([
      ...inputColumns,
      'score', 'decision', 'expected_cost', 'model_version',
      'contribution_1_feature', 'contribution_1', 'contribution_2_feature', 'contribution_2', 'contribution_3_feature', 'contribution_3',
    ]);
    const body = out.slice(1);
    expect(body).toHaveLength(20);
    const column = (name: string): number => out[0]!.indexOf(name);
    for (const [r, row] of body.entries()) {
      expect(row.slice(0, inputColumns.length).join(',')).toBe([...failed, ...healthy][r]);
      const score = Number(row[column('score')]);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(row[column('decision')]).toMatch(/alarm/);
      expect(Number(row[column('expected_cost')])).toBeGreaterThanOrEqual(0);
      expect(row[column('model_version')]).toBe('1');
      expect(spec.features.map((f) => f.name)).toContain(row[column('contribution_1_feature')]);
      expect(Number.isFinite(Number(row[column('contribution_1')]))).toBe(true);
    }
    const meanScore = (rows: string[][]): number => rows.reduce((sum, row) => sum + Number(row[column('score')]), 0) / rows.length;
    expect(meanScore(body.slice(0, 10))).toBeGreaterThan(meanScore(body.slice(10)) + 0.3);
  }, 240_000);

  it('shows training progress as plain lines when stderr is not a terminal', async () => {
    const run = await shopfloor(work, ['train', 'machine-failure', '--param', 'maxIter=20']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^training: 5% \(round 1\/20, train loss /);
    expect(run.stderr).toMatch(/training: 50% \(round 10\/20/);
    expect(run.stderr).toMatch(/training: 100% \(round 20\/20/);
    expect(run.stdout).toMatch(/^machine-failure v2 \(/);
    const models = JSON.parse((await shopfloor(work, ['models', 'machine-failure', '--json'])).stdout) as { version: number }[];
    expect(models.map((m) => m.version)).toEqual([2, 1]);
  }, 120_000);

  it('refuses a malformed CSV with exit 3 and a DATASET_ code naming the file', async () => {
    await writeFile(join(work, 'bad.csv'), 'a,b,c\n1,2,3\n4,5\n');
    const run = await shopfloor(work, ['import', 'bad.csv', '--name', 'bad']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error DATASET_[A-Z_]+: .*bad\.csv.*line 3/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('answers an unknown use case with exit 4 for train, models and predict', async () => {
    for (const args of [['train', 'no-such-use-case'], ['models', 'no-such-use-case'], ['predict', 'no-such-use-case', '--input', 'rows.csv']]) {
      const run = await shopfloor(work, args);
      expect(run.code, args.join(' ')).toBe(4);
      expect(run.stderr).toMatch(/^error USE_CASE_NOT_FOUND: .*no-such-use-case/);
    }
  }, 60_000);

  it('names the bad cell of a prediction CSV with exit 3', async () => {
    const lines = (await readFile(join(work, 'rows.csv'), 'utf8')).split('\n');
    const cells = lines[2]!.split(',');
    cells[6] = 'lots'; // Torque [Nm] of the second data row
    lines[2] = cells.join(',');
    await writeFile(join(work, 'bad-rows.csv'), lines.join('\n'));
    const run = await shopfloor(work, ['predict', 'machine-failure', '--input', 'bad-rows.csv']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('error PREDICT_FEATURE_TYPE: bad-rows.csv line 3, column "Torque [Nm]": "lots" is not a number\n');
  });
});
