// `shopfloor deploy ...` in process on a fresh SQLite store with two trained AI4I versions: show, set, promote with approval, rollback, verdict.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from './io.js';
import { runCli } from './program.js';

const AI4I = fileURLToPath(new URL('../../server/data/ai4i2020/ai4i2020.csv', import.meta.url));

function captureIo(cwd: string): Io & { text(): string; errors(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    out: (t) => void stdout.push(t),
    err: (t) => void stderr.push(t),
    progressStream: process.stderr,
    progressIsTTY: false,
    cwd,
    env: {},
    waitForStop: () => new Promise(() => undefined),
    text: () => stdout.join(''),
    errors: () => stderr.join(''),
  };
}

describe('shopfloor deploy', () => {
  let work = '';
  async function run(...args: string[]) {
    const io = captureIo(work);
    const code = await runCli(['--data-dir', join(work, 'data'), ...args], io);
    return { code, stdout: io.text(), stderr: io.errors() };
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'shopfloor-cli-deploy-'));
    const imported = await run('import', AI4I, '--name', 'ai4i2020', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const spec = {
      id: 'machine-failure',
      name: 'Machine failure',
      decision: 'stop the machine for a tool change',
      task: 'binary',
      datasetVersionId: (JSON.parse(imported.stdout) as { version: { id: string } }).version.id,
      target: 'Machine failure',
      entityColumn: 'Product ID',
      features: [{ name: 'Air temperature [K]' }, { name: 'Rotational speed [rpm]' }, { name: 'Torque [Nm]' }, { name: 'Tool wear [min]' }, { name: 'Type' }],
      split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
    };
    await writeFile(join(work, 'spec.json'), JSON.stringify(spec));
    expect((await run('use-case', 'create', '--file', 'spec.json')).code).toBe(0);
    for (const maxIter of ['15', '30']) expect((await run('train', 'machine-failure', '--param', `maxIter=${maxIter}`)).code).toBe(0);
  }, 240_000);
  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('shows the champion alone, then the variants set with a reason', async () => {
    expect((await run('deploy', 'show', 'machine-failure')).stdout).toMatch(/v1\s+champion\s+100%/);
    const set = await run('deploy', 'set', 'machine-failure', '--shadow', 'v2', '--reason', 'watch v2');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/v2\s+shadow\s+every request/);
    const bad = await run('deploy', 'set', 'machine-failure', '--split', 'v2=1.5', '--reason', 'x');
    expect(bad.code).toBe(2);
    const refused = await run('deploy', 'set', 'machine-failure', '--mirror', 'http://10.0.0.9/api/v1/use-cases/machine-failure/predict', '--reason', 'x');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^error DEPLOYMENT_MIRROR_NOT_ALLOWED: /);
    const shown = await run('deploy', 'show', 'machine-failure', '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ variants: [{ model: { version: 2 }, mode: 'shadow' }], events: { events: [{ action: 'set', reason: 'watch v2' }] } });
  });

  it('asks for a second engineer when the use case requires one, refuses the requester, and rolls back', async () => {
    expect((await run('deploy', 'set', 'machine-failure', '--shadow', 'v2', '--approval-required', '--reason', 'two engineers from now on')).code).toBe(0);
    const asked = await run('deploy', 'promote', 'machine-failure', 'v2', '--reason', 'v2 is cheaper', '--json');
    expect(asked.code, asked.stderr).toBe(0);
    const approval = (JSON.parse(asked.stdout) as { promoted: boolean; approval: { id: string } });
    expect(approval.promoted).toBe(false);
    const self = await run('deploy', 'approve', 'machine-failure', approval.approval.id);
    expect(self.code).toBe(5);
    expect(self.stderr).toMatch(/^error DEPLOYMENT_APPROVAL_SELF: /);
    expect((await run('deploy', 'show', 'machine-failure')).stdout).toContain(`pending approval ${approval.approval.id}`);
    expect((await run('deploy', 'set', 'machine-failure', '--split', 'v2=0.5', '--no-approval-required', '--reason', 'A/B instead')).code).toBe(0);
    const back = await run('deploy', 'rollback', 'machine-failure', '--reason', 'stop the A/B');
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/v1\s+champion\s+100%/);
    const none = await run('deploy', 'rollback', 'machine-failure', '--reason', 'again');
    expect(none.stderr).toMatch(/^error DEPLOYMENT_NOTHING_TO_ROLL_BACK: /);
    const promoted = await run('deploy', 'promote', 'machine-failure', 'v2', '--reason', 'v2 is cheaper');
    expect(promoted.stdout).toBe('machine-failure: v2 is the champion now\n');
  });

  it('gives a verdict on a shadow after predictions were logged', async () => {
    expect((await run('deploy', 'set', 'machine-failure', '--shadow', 'v1', '--reason', 'keep v1 in shadow')).code).toBe(0);
    const rows = ['Product ID,Air temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Type', 'M14860,298.1,1551,42.8,0,M', 'L47181,298.2,1408,46.3,3,L', 'L47182,298.1,1498,49.4,5,L'];
    await writeFile(join(work, 'rows.csv'), `${rows.join('\n')}\n`);
    const predicted = await run('predict', 'machine-failure', '--input', 'rows.csv');
    expect(predicted.code, predicted.stderr).toBe(0);
    const verdict = await run('deploy', 'verdict', 'machine-failure', 'v1');
    expect(verdict.code, verdict.stderr).toBe(0);
    expect(verdict.stdout).toMatch(/v1 against champion v2/);
    expect(verdict.stdout, verdict.stdout).toContain('compared rows 3,');
    expect(verdict.stdout).toMatch(/recommendation: (keep|promote|roll-back)/);
  });
});
