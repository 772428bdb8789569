// The built `shopfloor models alias|aliases|limits|card` commands as a user runs them on two trained AI4I versions.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AI4I_CSV as AI4I, requireBuiltCli, shopfloor } from './cli-run.js';

describe('shopfloor models alias, aliases, limits and card (built CLI)', () => {
  let work = '';
  const run = (...args: string[]) => shopfloor(work, args);

  beforeAll(async () => {
    requireBuiltCli();
    work = await mkdtemp(join(tmpdir(), 'shopfloor-cli-models-'));
    const imported = await run('import', AI4I, '--name', 'ai4i2020', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const spec = {
      id: 'machine-failure',
      name: 'Machine failure',
      decision: 'stop the machine for a tool change',
      task: 'binary',
      datasetVersionId: (JSON.parse(imported.stdout) as { version: { id: string } }).version.id,
      target: 'Machine failure',
      features: [
        { name: 'Air temperature [K]', unit: 'K', sensorId: 'TT-1' },
        { name: 'Rotational speed [rpm]', unit: 'rpm' },
        { name: 'Torque [Nm]', unit: 'Nm', sensorId: 'TQ-3' },
        { name: 'Tool wear [min]', unit: 'min' },
        { name: 'Type' },
      ],
      split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
    };
    await writeFile(join(work, 'spec.json'), JSON.stringify(spec));
    expect((await run('use-case', 'create', '--file', 'spec.json')).code).toBe(0);
    for (const maxIter of ['20', '40']) {
      const trained = await run('train', 'machine-failure', '--param', `maxIter=${maxIter}`, '--json');
      expect(trained.code, trained.stderr).toBe(0);
    }
  }, 240_000);

  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('moves the champion only with a reason, removes a shadow, and prints the history newest first', async () => {
    const refused = await run('models', 'alias', 'machine-failure', 'champion', '2');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^error MODEL_ALIAS_REASON_REQUIRED: /);
    const moved = await run('models', 'alias', 'machine-failure', 'champion', 'v2', '--reason', 'cheaper on the held-out rows');
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toBe('machine-failure champion -> v2 (was v1): cheaper on the held-out rows\n');
    expect((await run('models', 'alias', 'machine-failure', 'shadow', '1')).stdout).toBe('machine-failure shadow -> v1 (newly set)\n');
    expect((await run('models', 'alias', 'machine-failure', 'shadow', '--remove', '--reason', 'done')).stdout).toBe('machine-failure shadow removed (was v1): done\n');
    const again = await run('models', 'alias', 'machine-failure', 'shadow', '--remove');
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^error MODEL_ALIAS_NOT_SET: /);
    expect((await run('models', 'alias', 'machine-failure', 'leader', '1')).stderr).toMatch(/^error MODEL_ALIAS_UNKNOWN: "leader" is not an alias/);

    const history = await run('models', 'aliases', 'machine-failure');
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/^alias\s+version\s+since\s+by\n-+.*\nchampion\s+v2\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\s+admin\n/);
    const rows = history.stdout.split('History (newest first)\n')[1]!.trimEnd().split('\n').slice(2);
    expect(rows.map((r) => r.split(/\s{2,}/).filter((c) => !/UTC$/.test(c)))).toEqual([
      ['4', 'shadow', 'v1', 'removed', 'admin', 'done'],
      ['3', 'shadow', '-', 'v1', 'admin', '-'],
      ['2', 'champion', 'v1', 'v2', 'admin', 'cheaper on the held-out rows'],
      ['1', 'champion', '-', 'v1', 'admin', 'first version that beats the no-model expected cost'],
    ]);
  }, 60_000);

  it('prints a readable model card with the known limits an engineer wrote', async () => {
    const limits = await run('models', 'limits', 'machine-failure', 'champion', 'Never saw tool wear above 253 min.');
    expect(limits.code, limits.stderr).toBe(0);
    const card = await run('models', 'card', 'machine-failure', 'champion');
    expect(card.code, card.stderr).toBe(0);
    const text = card.stdout;
    expect(text).toMatch(/^Model card: Machine failure \(machine-failure\) v2 \[champion\]\n/);
    expect(text).toContain('  Decision: stop the machine for a tool change\n');
    expect(text).toContain('    - Torque [Nm] (Nm; sensor TQ-3; trained on ');
    expect(text).toMatch(/\n {2}Dataset: ai4i2020 \(ai4i2020\.csv, version [0-9a-f]{12}\)\n/);
    expect(text).toMatch(/\n {2}Parameters: .*maxIter=40/);
    expect(text).toMatch(/\n {2}Learned from [\d,]+ rows \(\+ [\d,]+ to choose the decision rule\); measured on 2,000 held-out rows\n/);
    expect(text).toContain('  Time: the use case has no time column\n');
    expect(text).toMatch(/\n {2}ROC-AUC 0\.9\d{3}, PR-AUC /);
    // Training replayed the benchmark with each sensor failed; only the inputs with a sensor id count as sensors here.
    expect(text).toContain('Sensor robustness: assessed\n');
    expect(text).toMatch(/\n {4}- Torque \[Nm\]: sensor TQ-3, assessed: #\d Torque \[Nm\] .+: AUC 0\.\d{3} -> \d\.\d{3}, [+-]?EUR [\d,]+ per 1,000 \(/);
    expect(text).toContain('    - Rotational speed [rpm]: no sensor id, not assessed\n');
    expect(text).toMatch(/Known limits\n {2}Never saw tool wear above 253 min\.\n {2}\(admin, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)\n$/);

    const bad = await run('models', 'card', 'machine-failure', 'latest');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^error MODEL_REF_INVALID: "latest" names no model version/);
    expect((await run('models', 'card', 'machine-failure', '9')).code).toBe(4);
    const json = JSON.parse((await run('models', 'card', 'machine-failure', '1', '--json')).stdout) as { version: number; knownLimits: null; dataWindow: { rows: { test: number } } };
    expect(json).toMatchObject({ version: 1, knownLimits: null, dataWindow: { rows: { test: 2000 } } });
  }, 60_000);

  it('prints the sensors ranked by criticality, and replays anew with --run', async () => {
    const table = await run('models', 'robustness', 'machine-failure', 'champion');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^machine-failure v2: sensor-failure robustness on the benchmark set \(2000 rows, seed 1, after training, /);
    expect(table.stdout).toMatch(/\nrank\s+sensor\s+worst failure\s+AUC\s+cost \/ 1000 EUR\s+decisions changed\n/);
    expect(table.stdout).toContain('Torque [Nm] (TQ-3)');
    expect(table.stdout).toMatch(/\nTorque \[Nm\]\s+stuck-zero\s+0\.\d+\s+-0\.\d+\s+\+[\d,]+\s+\d+\.\d%\n/);
    const rerun = await run('models', 'robustness', 'machine-failure', '1', '--run', '--seed', '3', '--json');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ version: 1, seed: 3, trigger: 'request', sensorSource: 'sensor-id' });
    expect((await run('models', 'robustness', 'machine-failure', '1', '--run', '--seed', 'x')).code).not.toBe(0);
  }, 60_000);
});
