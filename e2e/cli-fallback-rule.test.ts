// The built CLI sets, shows, refuses and removes an AI4I use case's fallback rule, as an engineer types it in a shell.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FallbackRuleState } from '@shopfloor/contracts';
import { AI4I_CSV, ROOT, requireBuiltCli, shopfloor } from './cli-run.js';

const RULE = '`Torque [Nm]` > 60 or `Tool wear [min]` >= 200';

describe('shopfloor use-case fallback-rule (built CLI, spawned in a temp working directory)', () => {
  let work = '';

  beforeAll(async () => {
    requireBuiltCli();
    if (!existsSync(join(ROOT, 'packages/cli/dist/commands/use-case-fallback-rule.js'))) throw new Error('packages/cli/dist lacks fallback-rule: run npm run build first');
    work = await mkdtemp(join(tmpdir(), 'shopfloor-cli-rule-'));
    const imported = await shopfloor(work, ['import', AI4I_CSV, '--name', 'ai4i2020']);
    expect(imported.code, imported.stderr).toBe(0);
    const costs = '{"kind":"binary","currency":"EUR","trueAlarmSaves":4000,"falseAlarmCosts":300,"missCosts":5000}';
    const features = ['Type', 'Torque [Nm]:Nm', 'Tool wear [min]:min'].flatMap((f) => ['--feature', f]);
    const created = await shopfloor(work, ['use-case', 'create', '--id', 'ai4i', '--name', 'Machine failure', '--task', 'binary', '--dataset', 'ai4i2020', '--target', 'Machine failure', ...features, '--costs', costs, '--split', '{"kind":"key","column":"UDI","modulo":5,"remainder":0}']);
    expect(created.code, created.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('sets a rule with a reason and shows it with the inputs it reads and its history', async () => {
    const set = await shopfloor(work, ['use-case', 'fallback-rule', 'ai4i', RULE, '--reason', 'torque sensor under repair']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Fallback rule of ai4i (true means: alarm):\n  `Torque [Nm]` > 60 or `Tool wear [min]` >= 200\n  reads: Torque [Nm], Tool wear [min]\n');
    const shown = await shopfloor(work, ['use-case', 'fallback-rule', 'ai4i', '--show', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const state = JSON.parse(shown.stdout) as FallbackRuleState;
    expect(state.current).toMatchObject({ seq: 1, rule: RULE, reason: 'torque sensor under repair', inputs: ['Torque [Nm]', 'Tool wear [min]'] });
  }, 60_000);

  it('refuses a mistyped rule with exit 3, the position and the closest input name, and keeps the standing rule', async () => {
    const bad = await shopfloor(work, ['use-case', 'fallback-rule', 'ai4i', 'Torque > 60']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('error RULE_INVALID: rule, at position 1: expected an input of the use case, received "Torque"; did you mean `Torque [Nm]`?');
    const syntax = await shopfloor(work, ['use-case', 'fallback-rule', 'ai4i', 'Type in ("L", "M"']);
    expect(syntax.code).toBe(3);
    expect(syntax.stderr).toContain('position 18');
    const shown = await shopfloor(work, ['use-case', 'fallback-rule', 'ai4i', '--show']);
    expect(shown.stdout).toContain(`  ${RULE}\n`);
  }, 60_000);

  it('removes the rule (recorded in the history) and asks for exactly one of rule, --show or --remove', async () => {
    const removed = await shopfloor(work, ['use-case', 'fallback-rule', 'ai4i', '--remove', '--reason', 'sensor fixed']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('ai4i has no fallback rule');
    expect(removed.stdout).toMatch(/\n2 +removed +sensor fixed +usr_/);
    expect(removed.stdout).toMatch(/\n1 +set +`Torque \[Nm\]` > 60 or `Tool wear \[min\]` >= 200 +torque sensor under repair/);
    const both = await shopfloor(work, ['use-case', 'fallback-rule', 'ai4i', RULE, '--show']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give exactly one of a rule, --show or --remove');
  }, 60_000);
});
