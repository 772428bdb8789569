// `shopfloor drift|performance|alerts`: drift against the training data, live performance, and the alerts an operator acknowledges.
import type { Command } from 'commander';
import type { AlertList, DriftReport, FeatureDriftReport, PerformanceReport } from '@shopfloor/contracts';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { parseIntegerOption, usageError } from '../option-values.js';
import { formatCompact, formatInstant, formatMoney, renderTable } from '../table.js';

interface WindowOptions {
  from?: string;
  to?: string;
}

function windowQuery(options: WindowOptions): { from?: string; to?: string } {
  return { ...(options.from === undefined ? {} : { from: options.from }), ...(options.to === undefined ? {} : { to: options.to }) };
}

function driftRows(series: readonly FeatureDriftReport[], prefix = ''): string[][] {
  return series.map((f) => [
    prefix + f.feature,
    f.status,
    f.psi === null ? '-' : formatCompact(f.psi),
    f.band ?? '-',
    f.meanShift === null || f.meanShift.shiftSd === null ? '-' : `${f.meanShift.shiftSd >= 0 ? '+' : ''}${f.meanShift.shiftSd.toFixed(2)} sd (p ${formatCompact(f.meanShift.pValue)})`,
    String(f.liveRows),
  ]);
}

export function driftText(r: DriftReport): string {
  const head = `Use case ${r.useCaseId}: ${r.status}. ${r.window.predictions} predictions ${formatInstant(r.window.from)} .. ${formatInstant(r.window.to)} against ${r.reference.rows} training rows of model v${r.model.version}\n`;
  return head + renderTable(['input', 'status', 'psi', 'band', 'mean shift', 'live rows'], [...driftRows(r.features), ...driftRows(r.predictions, 'prediction: ')]);
}

export function performanceText(r: PerformanceReport): string {
  const m = r.metrics;
  const money = (v: number | null) => (v === null ? '-' : formatMoney(v, r.currency));
  const rows = [
    ['labelled predictions', `${r.labelled} of ${r.predictions}`, ''],
    ['AUC', m.auc === null ? '-' : formatCompact(m.auc), r.heldOut.auc === null ? '-' : formatCompact(r.heldOut.auc)],
    ['accuracy', m.accuracy === null ? '-' : formatCompact(m.accuracy), ''],
    ['RMSE', m.rmse === null ? '-' : formatCompact(m.rmse), ''],
    ['cost per 1,000', money(m.costPer1000), money(r.heldOut.costPer1000)],
    ['no model, per 1,000', money(m.noModelCostPer1000), ''],
  ];
  return `Use case ${r.useCaseId}, ${formatInstant(r.window.from)} .. ${formatInstant(r.window.to)}\n${renderTable(['', 'live', 'held out'], rows)}`;
}

export function alertsText(list: AlertList): string {
  if (list.alerts.length === 0) return 'No alerts.\n';
  return renderTable(
    ['id', 'raised', 'kind', 'severity', 'state', 'message'],
    list.alerts.map((a) => [a.id, formatInstant(a.at), a.kind, a.severity, a.acknowledged === null ? 'open' : `acknowledged by ${a.acknowledged.by}`, a.message]),
  );
}

export function registerMonitor(program: Command, io: Io): void {
  program
    .command('drift')
    .description("Drift of every input and of the champion's predictions over a window of the prediction log, against the champion's training rows (PSI and an autocorrelation-corrected mean shift).")
    .argument('<use-case>', 'use case id')
    .option('--from <time>', 'start, inclusive (ISO 8601 with an offset; default 7 days before --to)')
    .option('--to <time>', 'end, exclusive (default now)')
    .action(async (useCaseId: string, options: WindowOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const report = await withShopfloor(globals, io, 'viewer', (sf) => sf.monitor.drift(useCaseId, windowQuery(options)));
      if (globals.json === true) return printJson(io, report);
      io.out(driftText(report));
    });
  program
    .command('performance')
    .description('Live performance once true outcomes arrived: AUC, accuracy or RMSE and the realised cost per 1,000 predictions, beside the held-out figures.')
    .argument('<use-case>', 'use case id')
    .option('--from <time>', 'start, inclusive (default 7 days before --to)')
    .option('--to <time>', 'end, exclusive (default now)')
    .action(async (useCaseId: string, options: WindowOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const report = await withShopfloor(globals, io, 'viewer', (sf) => sf.monitor.performance(useCaseId, windowQuery(options)));
      if (globals.json === true) return printJson(io, report);
      io.out(performanceText(report));
    });
  const alerts = program.command('alerts').description('Alerts of a use case (decisions that act, drift beyond its band) and their acknowledgement.');
  alerts
    .command('list')
    .argument('<use-case>', 'use case id')
    .option('--state <state>', 'open or acknowledged (default both)')
    .option('--limit <n>', 'newest n', '100')
    .action(async (useCaseId: string, options: { state?: string; limit: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.state !== undefined && options.state !== 'open' && options.state !== 'acknowledged') {
        throw usageError(`--state "${options.state}": expected open or acknowledged`, { option: '--state' });
      }
      const query = { limit: parseIntegerOption('--limit', options.limit, 1, 1000), ...(options.state === undefined ? {} : { state: options.state as 'open' | 'acknowledged' }) };
      const list = await withShopfloor(globals, io, 'viewer', (sf) => sf.monitor.listAlerts(useCaseId, query));
      if (globals.json === true) return printJson(io, list);
      io.out(alertsText(list));
    });
  alerts
    .command('ack')
    .description('Acknowledge an alert as the acting user (operator or above), with a note of what was done on the line.')
    .argument('<alert-id>', 'alert id (alr_...)')
    .option('--note <text>', 'what was done', '')
    .action(async (alertId: string, options: { note: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const alert = await withShopfloor(globals, io, 'operator', (sf, actor) => sf.monitor.acknowledgeAlert(actor, alertId, { note: options.note }));
      if (globals.json === true) return printJson(io, alert);
      io.out(`Acknowledged ${alert.id} (${alert.message}) at ${formatInstant(alert.acknowledged!.at)}\n`);
    });
}
