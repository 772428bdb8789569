// A model card as text for a terminal: the sections of the card in plain words, numbers in the plant's currency.
import type { ModelCard } from '@shopfloor/contracts';
import { formatCompact, formatDecimal, formatInstant, formatMoney } from './table.js';

const METRIC_NAMES: [keyof ModelCard['metrics'], string][] = [
  ['auc', 'ROC-AUC'],
  ['prAuc', 'PR-AUC'],
  ['f1', 'F1'],
  ['accuracy', 'accuracy'],
  ['logLoss', 'log loss'],
  ['rmse', 'RMSE'],
  ['mae', 'MAE'],
];

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** An ISO instant as `2024-01-01 00:00 UTC`; a numeric time (cycles) as it is. */
function instantOrNumber(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatInstant(value) : value;
}

function costsLine(card: ModelCard): string {
  const c = card.intendedUse.costs;
  const money = (v: number) => formatMoney(v, c.currency);
  if (c.kind === 'binary') return `miss ${money(c.missCosts)}, false alarm ${money(c.falseAlarmCosts)}, a true alarm saves ${money(c.trueAlarmSaves)}`;
  if (c.kind === 'regression') return `${c.actionName} when the prediction is ${c.actWhen} ${formatCompact(c.actionThreshold)}: late ${money(c.lateActionCosts)}, early ${money(c.earlyActionCosts)}`;
  return `a ${c.classes.length}x${c.classes.length} cost matrix over ${c.classes.join(', ')}`;
}

function inputLine(input: ModelCard['intendedUse']['inputs'][number]): string {
  const facts = [
    input.unit,
    input.sensorId === undefined ? undefined : `sensor ${input.sensorId}`,
    input.min === undefined || input.max === undefined ? undefined : `trained on ${formatCompact(input.min)} to ${formatCompact(input.max)}`,
    input.levels === undefined ? undefined : `levels ${input.levels.join(', ')}`,
  ].filter((f) => f !== undefined);
  return `    - ${input.name}${facts.length > 0 ? ` (${facts.join('; ')})` : ''}`;
}

function decisionRuleLine(card: ModelCard): string {
  const rule = card.decisionRule;
  const costs = card.intendedUse.costs;
  if (rule.kind === 'binary') return `${costs.kind === 'binary' ? costs.actionName : 'alarm'} when P(${card.intendedUse.target}) >= ${formatDecimal(rule.threshold)}`;
  if (rule.kind === 'regression') return `act when the prediction is ${rule.actWhen} ${formatCompact(rule.threshold)}`;
  return 'the class of lowest expected cost';
}

function dataWindowLines(card: ModelCard): string[] {
  const w = card.dataWindow;
  const lines = [`  Dataset version ${w.datasetVersionId.slice(0, 12)}${w.datasetRows === null ? '' : `: ${count(w.datasetRows)} rows`}`];
  if (w.rows === null) lines.push('  Training rows: not recorded (a version registered before row counts were kept)');
  else {
    const r = w.rows;
    lines.push(`  Learned from ${count(r.fit)} rows (+ ${count(r.validation)} to choose the decision rule); measured on ${count(r.test)} held-out rows`);
    if (r.benchmarkExcluded + r.missingTarget > 0) lines.push(`  Left out: ${count(r.benchmarkExcluded)} frozen benchmark rows, ${count(r.missingTarget)} without a target`);
  }
  if (w.from !== null && w.to !== null) lines.push(`  Time (${w.timeColumn}): ${instantOrNumber(w.from)} to ${instantOrNumber(w.to)}`);
  else lines.push(w.timeColumn === null ? '  Time: the use case has no time column' : `  Time (${w.timeColumn}): not recorded`);
  return lines;
}

function metricLines(card: ModelCard): string[] {
  const m = card.metrics;
  const currency = card.intendedUse.costs.currency;
  const quality = METRIC_NAMES.filter(([key]) => m[key] !== undefined).map(([key, name]) => `${name} ${formatDecimal(m[key] as number)}`);
  return [
    ...(quality.length > 0 ? [`  ${quality.join(', ')}`] : []),
    `  Expected cost ${formatMoney(m.expectedCostPer1000, currency)} per 1,000 predictions; with no model ${formatMoney(m.baselineCostPer1000, currency)}`,
    `  Decision rule: ${decisionRuleLine(card)}`,
  ];
}

export function modelCardText(card: ModelCard): string {
  const aliases = card.aliases.length > 0 ? ` [${card.aliases.join(', ')}]` : '';
  const use = card.intendedUse;
  const lineage = card.lineage;
  const params = Object.entries(lineage.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  const robustness = card.sensorRobustness;
  const limits = card.knownLimits;
  const sections = [
    `Model card: ${card.useCaseName} (${card.useCaseId}) v${card.version}${aliases}`,
    '',
    'Intended use',
    `  Decision: ${use.decision === '' ? '(not described)' : use.decision}`,
    `  Predicts: ${use.target} (${use.task}${use.classes === null ? '' : `: ${use.classes.join(', ')}`})`,
    `  Costs per prediction: ${costsLine(card)}`,
    '  Inputs:',
    ...use.inputs.map(inputLine),
    '',
    'Lineage',
    `  Dataset: ${lineage.datasetName ?? '?'} (${lineage.fileName ?? '?'}, version ${lineage.datasetVersionId.slice(0, 12)})`,
    `  Parameters: ${params === '' ? '(defaults)' : params}`,
    `  Code version: ${lineage.codeVersion}`,
    `  Model artifact sha256: ${lineage.artifactSha256}`,
    `  Trained: ${formatInstant(lineage.createdAt)} by ${lineage.createdBy.name ?? lineage.createdBy.id}`,
    '',
    'Data window',
    ...dataWindowLines(card),
    '',
    'Metrics (held-out rows, at training time)',
    ...metricLines(card),
    `  Strongest inputs (gain): ${card.featureImportance.slice(0, 5).map((f) => `${f.feature} ${formatCompact(f.gain, 1)}`).join(', ')}`,
    '',
    `Sensor robustness: ${robustness.status.replace('-', ' ')}`,
    `  ${robustness.summary}`,
    ...robustness.sensors.map((s) => `    - ${s.feature}: ${s.sensorId === null ? 'no sensor id' : `sensor ${s.sensorId}`}, ${s.status.replace('-', ' ')}${s.finding === null ? '' : `: ${s.finding}`}`),
    '',
    'Known limits',
    ...(limits === null
      ? [`  None written yet (an engineer adds them: shopfloor models limits ${card.useCaseId} ${card.version} "...").`]
      : [...limits.text.split('\n').map((line) => `  ${line}`), `  (${limits.updatedByName ?? limits.updatedBy}, ${formatInstant(limits.updatedAt)})`]),
  ];
  return `${sections.join('\n')}\n`;
}
