// `shopfloor drift|performance|alerts` in process on a fresh SQLite store: alerts of acting decisions listed and acknowledged, drift and performance printed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertList, DriftReport } from '@shopfloor/contracts';
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
  const lines = ['UDI,Machine,Torque [Nm],Tool wear [min],failure'];
  for (let i = 1; i <= 300; i++) {
    const torque = 20 + ((i * 7) % 50);
    const wear = (i * 13) % 240;
    lines.push([i, `M-${i % 4}`, torque, wear, wear > 200 || torque > 62 ? 1 : 0].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('shopfloor drift, performance and alerts', () => {
  let work = '';
  async function run(...args: string[]) {
    const io = captureIo(work);
    const code = await runCli(['--data-dir', join(work, 'data'), ...args], io);
    return { code, stdout: io.text(), stderr: io.errors() };
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'shopfloor-cli-monitor-'));
    await writeFile(join(work, 'press.csv'), pressCsv());
    const imported = await run('import', 'press.csv', '--name', 'press', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const spec = {
      id: 'press-failure', name: 'Press failure', task: 'binary', target: 'failure', entityColumn: 'Machine',
      datasetVersionId: (JSON.parse(imported.stdout) as { version: { id: string } }).version.id,
      features: [{ name: 'Torque [Nm]' }, { name: 'Tool wear [min]' }],
      split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
    };
    await writeFile(join(work, 'spec.json'), JSON.stringify(spec));
    expect((await run('use-case', 'create', '--file', 'spec.json')).code).toBe(0);
    expect((await run('train', 'press-failure', '--param', 'maxIter=20')).code).toBe(0);
    const rows = ['Machine,Torque [Nm],Tool wear [min]', 'M-1,68,230', 'M-2,30,20', 'M-3,95,20', 'M-3,99,25'].join('\n');
    await writeFile(join(work, 'rows.csv'), `${rows}\n`);
    const predicted = await run('predict', 'press-failure', '--input', 'rows.csv');
    expect(predicted.code, predicted.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('lists the open alerts of acting decisions and acknowledges one with a note', async () => {
    const listed = await run('alerts', 'list', 'press-failure', '--state', 'open', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const { alerts } = JSON.parse(listed.stdout) as AlertList;
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts.every((a) => a.kind === 'decision' && a.state === 'open')).toBe(true);
    const ack = await run('alerts', 'ack', alerts[0]!.id, '--note', 'tool changed');
    expect(ack.code, ack.stderr).toBe(0);
    expect(ack.stdout).toMatch(new RegExp(`^Acknowledged ${alerts[0]!.id} `));
    const again = await run('alerts', 'ack', alerts[0]!.id);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/^error ALERT_ALREADY_ACKNOWLEDGED: /);
    const table = await run('alerts', 'list', 'press-failure');
    expect(table.stdout).toMatch(/acknowledged by /);
    expect((await run('alerts', 'list', 'press-failure', '--state', 'closed')).code).toBe(2);
  });

  it('prints drift per input and the live performance table', async () => {
    const drift = await run('drift', 'press-failure', '--json');
    expect(drift.code, drift.stderr).toBe(0);
    const report = JSON.parse(drift.stdout) as DriftReport;
    expect(report.window.predictions).toBe(4);
    expect(report.features.map((f) => f.feature)).toEqual(['Torque [Nm]', 'Tool wear [min]']);
    const text = await run('drift', 'press-failure');
    expect(text.stdout).toMatch(/Torque \[Nm\]\s+(stable|watch|drift)\s+/);
    const perf = await run('performance', 'press-failure');
    expect(perf.code, perf.stderr).toBe(0);
    expect(perf.stdout).toMatch(/labelled predictions\s+0 of 4/);
  });
});
