// The built `shopfloor` CLI with sensors: register specs, import a wide readings CSV with a stuck stretch and bad rows, print the trust report.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, shopfloor } from './cli-run.js';

const T0 = Date.UTC(2024, 5, 3, 6, 0, 0);
const N = 400;

/** Two sensors a minute apart for 400 minutes; torque sticks on rows 300-349; line 12 has text, line 13 goes back in time. */
function wideCsv(): string {
  let seed = 42;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
  const lines = ['time,mill.air,mill.torque'];
  let held = '';
  for (let i = 0; i < N; i++) {
    const air = (300 + 2 * noise()).toFixed(1);
    let torque = (40 + 8 * noise()).toFixed(1);
    if (i === 299) held = torque;
    if (i >= 300 && i < 350) torque = held;
    lines.push(`${new Date(T0 + i * 60_000).toISOString()},${air},${i === 10 ? 'broken' : torque}`);
    if (i === 11) lines.push(`${new Date(T0 + 5 * 60_000 + 30_000).toISOString()},${air},${torque}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('shopfloor sensors, readings and trust (built CLI, spawned in a temp working directory)', () => {
  let work = '';

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'packages/cli/dist/commands/trust.js'))) throw new Error('packages/cli/dist is missing the trust command: run npm run build first');
    work = await mkdtemp(join(tmpdir(), 'shopfloor-cli-trust-'));
    const specs = [
      { id: 'mill.air', asset: 'mill', unit: 'K', min: 250, max: 350, samplePeriodMs: 60_000, resolution: 0.1 },
      { id: 'mill.torque', asset: 'mill', unit: 'Nm', min: 0, max: 150, samplePeriodMs: 60_000, resolution: 0.1 },
    ];
    await writeFile(join(work, 'sensors.json'), JSON.stringify({ sensors: specs }));
    await writeFile(join(work, 'readings.csv'), wideCsv());
  });

  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('registers sensors, imports readings naming the refused lines, and reports the stuck torque', async () => {
    const registered = await shopfloor(work, ['sensors', 'register', 'sensors.json']);
    expect(registered.code, registered.stderr).toBe(0);
    expect(registered.stdout).toContain('2 new, 0 changed');

    const imported = await shopfloor(work, ['readings', 'import', 'readings.csv', '--format', 'wide']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Stored ${2 * N - 1} readings from readings.csv; refused 3:`);
    expect(imported.stdout).toMatch(/12\s+mill\.torque\s+READING_VALUE_TEXT/);
    expect(imported.stdout).toMatch(/14\s+mill\.air\s+READING_TIME_OUT_OF_ORDER/);
    expect(imported.stdout).toMatch(/14\s+mill\.torque\s+READING_TIME_OUT_OF_ORDER/);

    const again = await shopfloor(work, ['readings', 'import', 'readings.csv', '--format', 'wide', '--json']);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('error READINGS_ALL_REJECTED');

    const from = new Date(T0).toISOString();
    const to = new Date(T0 + (N - 1) * 60_000).toISOString();
    const report = await shopfloor(work, ['trust', 'report', '--from', from, '--to', to]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/mill\.air\s+mill\s+trusted\s+400\s+0\.00%\s+-/);
    // 50 clean readings after the fault lift it from untrusted to suspect; trusted needs 50 more.
    expect(report.stdout).toMatch(/mill\.torque\s+mill\s+suspect\s+399\s+12\.78%\s+STUCK 1/);
    expect(report.stdout).toMatch(/mill\.torque\s+STUCK\s+critical\s+2024-06-03 10:59 UTC/);

    const json = await shopfloor(work, ['trust', 'report', '--from', from, '--to', to, '--sensor', 'mill.torque', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { sensors: { sensor: string; issues: { code: string; from: number }[]; affectedReadings: number }[] };
    expect(parsed.sensors.map((s) => s.sensor)).toEqual(['mill.torque']);
    expect(parsed.sensors[0]!.issues.map((i) => [i.code, i.from])).toEqual([['STUCK', T0 + 299 * 60_000]]);
    expect(parsed.sensors[0]!.affectedReadings).toBeGreaterThanOrEqual(51);

    const unknown = await shopfloor(work, ['trust', 'report', '--from', from, '--to', to, '--sensor', 'mill.ghost']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('error SENSOR_NOT_FOUND');

    const noUseCase = await shopfloor(work, ['trust', 'use-case', 'no-such-line']);
    expect(noUseCase.code).toBe(4);
    expect(noUseCase.stderr).toContain('error USE_CASE_NOT_FOUND');
  }, 120_000);
});
