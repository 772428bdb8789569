// AI4I for the comparison and gate tests: the file, the machine-failure use case, and a copy with shuffled labels.
import { readFileSync } from 'node:fs';
import { AI4I_CSV } from './cli-run.js';

export const AI4I = readFileSync(AI4I_CSV, 'utf8');

export const USE_CASE = {
  id: 'machine-failure',
  name: 'Machine failure (AI4I 2020)',
  decision: 'stop the machine for inspection before it fails',
  task: 'binary',
  target: 'Machine failure',
  features: [{ name: 'Air temperature [K]' }, { name: 'Process temperature [K]' }, { name: 'Rotational speed [rpm]' }, { name: 'Torque [Nm]' }, { name: 'Tool wear [min]' }, { name: 'Type' }],
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' },
};

/**
 * The same file with the target shuffled among the rows (a seeded permutation): the failure rate stays,
 * every link between sensors and failures is gone. Benchmark rows keep their true labels in the use
 * case's own dataset version, which is what every comparison reads.
 */
export function corruptedLabels(): string {
  const lines = AI4I.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const t = header.indexOf('Machine failure');
  const rows = lines.slice(1).map((l) => l.split(','));
  const labels = rows.map((r) => r[t]!);
  let s = 12345;
  for (let i = labels.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  rows.forEach((r, i) => (r[t] = labels[i]!));
  return [lines[0], ...rows.map((r) => r.join(','))].join('\n');
}

