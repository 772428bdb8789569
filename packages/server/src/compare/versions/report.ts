// Markdown for a pull request: the gate's verdict and checks, and the comparison behind it.
import type { Comparison, Estimate, GateRecord, MetricDifference } from '@shopfloor/contracts';
import { num, signed } from './format.js';


const estimate = (e: Estimate | undefined): string => (e === undefined ? 'n/a' : e.low === null ? num(e.value) : `${num(e.value)} [${num(e.low)}, ${num(e.high)}]`);
const difference = (d: MetricDifference | undefined | null): string => {
  if (d === undefined || d === null) return '';
  const interval = d.low === null ? '' : ` [${signed(d.low)}, ${signed(d.high)}]`;
  return `${signed(d.difference)}${interval}${d.pValue === null ? '' : `, p=${num(d.pValue, 2)}`}`;
};
const cellText = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function versionName(c: Comparison, id: string): string {
  const v = c.versions.find((x) => x.id === id)!;
  return `v${v.version}${v.aliases.length > 0 ? ` (${v.aliases.join(', ')})` : ''}`;
}

/** The comparison as Markdown sections: sets, metric table per set, slice deltas, decision flips, cost. */
export function renderComparison(c: Comparison): string {
  const out: string[] = [];
  const names = c.versions.map((v) => versionName(c, v.id));
  const others = c.versions.slice(1);
  out.push(`Baseline ${names[0]}; ${c.resamples > 0 ? `${c.resamples.toLocaleString('en-US')} paired bootstrap resamples, ${Math.round(c.confidence * 100)}% intervals, seed ${c.seed}` : 'no resampling'}; computed in ${num(c.seconds, 3)} s.`);
  out.push('', '| set | version | rows | content |', '|---|---|---:|---|');
  for (const s of c.sets) out.push(`| ${cellText(s.name)} | ${s.version} | ${s.rows} | \`${s.hash.slice(0, 24)}\` |`);
  for (const cell of c.cells.filter((x) => x.slice === null)) {
    out.push('', `### ${cellText(cell.set)} (${cell.rows} rows)`, '', `| metric | ${names.map((n, i) => (i === 0 ? `${n} baseline` : n)).join(' | ')} |${others.map((v) => ` ${versionName(c, v.id)} - baseline |`).join('')}`);
    out.push(`|---|${names.map(() => '---:|').join('')}${others.map(() => '---:|').join('')}`);
    for (const m of c.metrics) {
      const values = cell.versions.map((v) => estimate(v.metrics[m.name]));
      const diffs = cell.versions.slice(1).map((v) => difference(v.differences.find((d) => d.metric === m.name)));
      out.push(`| ${m.name} (${m.better} is better) | ${values.join(' | ')} |${diffs.map((d) => ` ${d} |`).join('')}`);
    }
  }
  const slices = c.cells.filter((x) => x.slice !== null);
  if (slices.length > 0 && others.length > 0) {
    const key = c.metrics.find((m) => m.name === 'roc_auc' || m.name === 'rmse' || m.name === 'macro_f1')?.name ?? c.metrics[0]!.name;
    out.push('', `### Slices: ${key} and cost_per_1000, difference against the baseline`, '', `| set | slice | rows | baseline ${key} |${others.map((v) => ` ${versionName(c, v.id)} ${key} | ${versionName(c, v.id)} cost |`).join('')}`);
    out.push(`|---|---|---:|---:|${others.map(() => '---:|---:|').join('')}`);
    for (const cell of slices) {
      const base = cell.versions[0]!;
      const cols = cell.versions.slice(1).map((v) => ` ${difference(v.differences.find((d) => d.metric === key))} | ${difference(v.differences.find((d) => d.metric === 'cost_per_1000'))} |`);
      out.push(`| ${cellText(cell.set)} | ${cellText(`${cell.slice!.column} = ${cell.slice!.value}`)} | ${cell.rows} | ${num(base.metrics[key]?.value)} |${cols.join('')}`);
    }
  }
  if (c.flips.length > 0) {
    out.push('', '### Decision flips against the baseline', '', '| version | set | flips | share | fixed | broken |', '|---|---|---:|---:|---:|---:|');
    for (const f of c.flips) out.push(`| ${versionName(c, f.modelVersionId)} | ${cellText(f.set)} | ${f.flips} | ${(100 * f.share).toFixed(1)}% | ${f.fixed} | ${f.broken} |`);
    const examples = c.flips.flatMap((f) => f.examples.map((e) => ({ f, e })));
    if (examples.length > 0) {
      out.push('', '| version | set | row | key | truth | baseline | candidate |', '|---|---|---:|---|---|---|---|');
      for (const { f, e } of examples) {
        out.push(`| ${versionName(c, f.modelVersionId)} | ${cellText(f.set)} | ${e.row} | ${cellText(e.key ?? '')} | ${cellText(e.truth)} | ${cellText(e.baseline.decision)} (${num(e.baseline.score, 3)}) | ${cellText(e.candidate.decision)} (${num(e.candidate.score, 3)}) |`);
      }
    }
  }
  if (c.events.length > 0) {
    out.push('', `### Failures caught (horizon ${c.events[0]!.horizonHours} h)`, '', '| version | set | failures | caught | median lead time | false alarms | per asset-day |', '|---|---|---:|---:|---:|---:|---:|');
    for (const e of c.events) {
      out.push(`| ${versionName(c, e.modelVersionId)} | ${cellText(e.set)} | ${e.failures} | ${e.caught} (${e.caughtShare === null ? 'n/a' : `${(100 * e.caughtShare).toFixed(0)}%`}) | ${e.medianLeadHours === null ? 'n/a' : `${num(e.medianLeadHours, 3)} h`} | ${e.falseAlarms} | ${num(e.falseAlarmsPerAssetDay, 3)} |`);
    }
  }
  out.push('', '### Cost', '', '| version | set | cost per 1,000 | against baseline | current practice | saving per 1,000 | per month |', '|---|---|---:|---:|---:|---:|---:|');
  for (const l of c.cost) {
    const month = l.perMonth === null ? '' : `${num(l.perMonth.cost)} (saves ${num(l.perMonth.saving)}) at ${l.perMonth.volume.toLocaleString('en-US')}/month`;
    out.push(`| ${versionName(c, l.modelVersionId)} | ${cellText(l.set)} | ${estimate(l.costPer1000)} ${l.currency} | ${difference(l.differencePer1000)} | ${num(l.practice.costPer1000)} (${l.practice.kind}) | ${num(l.savingPer1000)} | ${month} |`);
  }
  return out.join('\n');
}

/** The gate record as a pull-request comment: verdict, checks, then the comparison. */
export function renderGateReport(record: GateRecord, comparison: Comparison, useCaseName: string): string {
  const verdict = record.passed ? 'PASSED ✅' : 'FAILED ❌';
  const against = record.against === null ? 'no champion yet (no-model bar only)' : `v${record.against.version}${record.against.aliases.length > 0 ? ` (${record.against.aliases.join(', ')})` : ''}`;
  const out = [
    `## Shopfloor gate ${verdict}: ${cellText(useCaseName)}, candidate v${record.candidate.version} against ${against}`,
    '',
    '| check | result | measured | limit | detail |',
    '|---|---|---:|---:|---|',
    ...record.checks.map((c) => `| ${cellText(c.name)} | ${c.passed ? 'pass' : '**FAIL**'} | ${num(c.measured)} | ${num(c.limit)} | ${cellText(c.detail)} |`),
    '',
    `Gate record \`${record.id}\`, ${record.createdAt}.`,
    '',
    renderComparison(comparison),
  ];
  return out.join('\n');
}
