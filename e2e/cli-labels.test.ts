// The built `shopfloor` CLI with labels: a run-to-failure line, a use case whose target comes from labels, labels import and list, training.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, shopfloor } from './cli-run.js';
import { expectedTargetCounts, failureLabels, runToFailureCsv } from './run-to-failure.js';


const quote = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

describe('shopfloor labels (built CLI, spawned in a temp working directory)', () => {
  let work = '';
  const labels = failureLabels();

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'packages/cli/dist/commands/labels.js'))) {
      throw new Error('packages/cli/dist is missing the labels command: run npm run build first');
    }
    work = await mkdtemp(join(tmpdir(), 'shopfloor-cli-labels-'));
    await writeFile(join(work, 'press-line.csv'), runToFailureCsv());
    const imported = await shopfloor(work, ['import', 'press-line.csv', '--name', 'press-line', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const spec = {
      id: 'press-bearing',
      name: 'Press bearing failure within a day',
      task: 'binary',
      datasetVersionId: (JSON.parse(imported.stdout) as { version: { id: string } }).version.id,
      target: 'failure within 24 h',
      features: [{ name: 'vibration', unit: 'mm/s' }, { name: 'temperature' }],
      entityColumn: 'asset',
      timeColumn: 'time',
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 9000, falseAlarmCosts: 400, missCosts: 12000 },
      labelTarget: { classes: ['failure'], horizonHours: 24 },
    };
    await writeFile(join(work, 'spec.json'), JSON.stringify(spec));
    const created = await shopfloor(work, ['use-case', 'create', '--file', 'spec.json', '--json']);
    expect(created.code, created.stderr).toBe(0);
    // The note of the first label holds a comma and a quote, as notes from a work-order system do.
    const rows = labels.map((l, i) => [l.asset, l.start, l.end, l.class, i === 0 ? 'seized, "again"' : l.note].map(quote).join(','));
    await writeFile(join(work, 'labels.csv'), ['asset,start,end,class,note', ...rows].join('\n') + '\n');
  }, 120_000);

  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('refuses a labels file with a bad time naming its line, and records none of it', async () => {
    await writeFile(join(work, 'bad.csv'), 'asset,start,end,class\npress-1,2024-01-05T04:00:00Z,,failure\npress-2,2024-01-07 06:00,,failure\n');
    const run = await shopfloor(work, ['labels', 'import', 'press-bearing', 'bad.csv']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error VALIDATION_FAILED: bad\.csv line 3, column start: expected ISO 8601 with an offset/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const listed = await shopfloor(work, ['labels', 'list', 'press-bearing']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe('press-bearing has no labels: record some with shopfloor labels import press-bearing <file.csv>\n');
  }, 60_000);

  it('imports 13 failure spans, lists them as a table and as JSON, and trains on them', async () => {
    const imported = await shopfloor(work, ['labels', 'import', 'press-bearing', 'labels.csv']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe('Recorded 13 labels on 4 assets (failure 13), starting 2024-01-03 12:00 UTC .. 2024-01-29 08:00 UTC for press-bearing from labels.csv\n');

    const table = await shopfloor(work, ['labels', 'list', 'press-bearing', '--asset', 'press-1']);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+asset\s+start\s+end\s+class\s+note$/);
    expect(lines.slice(2)).toHaveLength(3);
    expect(lines[2]).toMatch(/^lbl_\S+\s+press-1\s+2024-01-05 04:00 UTC\s+2024-01-05 12:00 UTC\s+failure\s+seized, "again"$/);

    const json = await shopfloor(work, ['labels', 'list', 'press-bearing', '--json', '--limit', '5']);
    const page = JSON.parse(json.stdout) as { labels: { asset: string; start: string; author: string }[]; nextOffset: number | null };
    expect(page.labels).toHaveLength(5);
    expect(page.nextOffset).toBe(5);
    expect(page.labels.map((l) => l.start)).toEqual([...labels.map((l) => l.start)].sort().slice(0, 5));

    const shown = await shopfloor(work, ['use-case', 'show', 'press-bearing']);
    expect(shown.stdout).toContain('press-bearing: Press bearing failure within a day (binary, target "failure within 24 h")\n');
    expect(shown.stdout).toContain('target from labels: positive within 24 h before a failure label starts (rows inside a span: left out)\n');

    const trained = await shopfloor(work, ['train', 'press-bearing', '--param', 'maxIter=60', '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    const model = JSON.parse(trained.stdout) as { params: { labelTarget: { labels: { count: number }; targets: Record<string, number> } }; metrics: { auc: number } };
    expect(model.params.labelTarget.labels.count).toBe(13);
    expect(model.params.labelTarget.targets).toEqual({ ...expectedTargetCounts(labels, 24), censored: 0, missing: 0 });
    expect(model.metrics.auc).toBeGreaterThan(0.85);
  }, 120_000);

  it('answers an unknown use case with exit 4 and a missing file with exit 4', async () => {
    const unknown = await shopfloor(work, ['labels', 'import', 'no-such-use-case', 'labels.csv']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/^error USE_CASE_NOT_FOUND: No use case has id "no-such-use-case"/);
    const missing = await shopfloor(work, ['labels', 'import', 'press-bearing', 'nope.csv']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toBe('error FILE_NOT_FOUND: nope.csv: no such file\n');
  }, 60_000);
});
