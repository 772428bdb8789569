// `shopfloor use-case serving-policy` in process on a fresh SQLite store: defaults shown, a change kept with its reason, bad options refused.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServingPolicyState } from '@shopfloor/contracts';
import type { Io } from './io.js';
import { runCli } from './program.js';

function captureIo(cwd: string): Io & { text(): string; errors(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    out: (t) => void stdout.push(t),
    err: (t) => void stderr.push(t),
    progressStream: process.stderr,
    progressIsTTY: false,
    cwd,
    env: { SHOPFLOOR_TIME_ZONE: 'UTC', SHOPFLOOR_COMPANION_SENSORS: '0', SHOPFLOOR_DRIFT_CHECK_MINUTES: '0' },
    waitForStop: () => new Promise(() => undefined),
    text: () => stdout.join(''),
    errors: () => stderr.join(''),
  };
}

function pressCsv(): string {
  const lines = ['UDI,Torque [Nm],Tool wear [min],failure'];
  for (let i = 1; i <= 200; i++) lines.push([i, 20 + ((i * 7) % 50), (i * 13) % 240, (i * 13) % 240 > 200 ? 1 : 0].join(','));
  return `${lines.join('\n')}\n`;
}

describe('shopfloor use-case serving-policy', () => {
  let work = '';
  async function run(...args: string[]) {
    const io = captureIo(work);
    const code = await runCli(['--data-dir', join(work, 'data'), ...args], io);
    return { code, stdout: io.text(), stderr: io.errors() };
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'shopfloor-cli-policy-'));
    await writeFile(join(work, 'press.csv'), pressCsv());
    const imported = await run('import', 'press.csv', '--name', 'press', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const spec = {
      id: 'press', name: 'Press failure', task: 'binary', target: 'failure',
      datasetVersionId: (JSON.parse(imported.stdout) as { version: { id: string } }).version.id,
      features: [{ name: 'Torque [Nm]' }, { name: 'Tool wear [min]' }],
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
    };
    await writeFile(join(work, 'spec.json'), JSON.stringify(spec));
    expect((await run('use-case', 'create', '--file', 'spec.json')).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('shows the defaults, changes only the options given, and keeps the history', async () => {
    const shown = await run('use-case', 'serving-policy', 'press', '--show');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Serving policy of press (defaults, never changed):\n  out of range:        fallback (rule, else abstain)\n  low-confidence band: off\n  model timeout:       250 ms');
    const set = await run('use-case', 'serving-policy', 'press', '--low-confidence-band', '0.5', '--reason', 'unsure stops go to the rule', '--json');
    expect(set.code, set.stderr).toBe(0);
    const state = JSON.parse(set.stdout) as ServingPolicyState;
    expect(state.policy).toEqual({ outOfRange: 'fallback', lowConfidenceBand: 0.5, modelTimeoutMs: 250 });
    const again = await run('use-case', 'serving-policy', 'press', '--out-of-range', 'flag', '--low-confidence-band', 'off', '--model-timeout-ms', '100', '--reason', 'new sensor');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('  out of range:        flag (the champion answers, marked degraded)\n  low-confidence band: off\n  model timeout:       100 ms');
    expect(again.stdout).toMatch(/\n2 +flag +off +100 +new sensor +usr_/);
    expect(again.stdout).toMatch(/\n1 +fallback +0\.5 +250 +unsure stops go to the rule +usr_/);
  });

  it('refuses a change without a reason, an unknown action and a band out of bounds', async () => {
    const noReason = await run('use-case', 'serving-policy', 'press', '--out-of-range', 'flag');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('changing the serving policy needs --reason');
    const action = await run('use-case', 'serving-policy', 'press', '--out-of-range', 'ignore', '--reason', 'x');
    expect(action.code).toBe(2);
    expect(action.stderr).toContain('--out-of-range must be fallback or flag; got "ignore"');
    const band = await run('use-case', 'serving-policy', 'press', '--low-confidence-band', '0', '--reason', 'x');
    expect(band.code).toBe(3);
    expect(band.stderr).toContain('VALIDATION_FAILED');
    const nothing = await run('use-case', 'serving-policy', 'press');
    expect(nothing.code).toBe(2);
  });
});
