// `shopfloor models robustness USE_CASE VERSION`: the sensors of a version ranked by what their failure costs (--run replays anew).
import type { Command } from 'commander';
import type { RobustnessRecord } from '@shopfloor/contracts';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { parseIntegerOption } from '../option-values.js';
import { formatInstant, renderTable } from '../table.js';

const METRIC_LABEL = { roc_auc: 'AUC', rmse: 'RMSE', accuracy: 'accuracy' } as const;

function metricText(v: number | null): string {
  return v === null ? '-' : String(Number(v.toPrecision(4)));
}

function money(v: number): string {
  const rounded = Math.round(v);
  return `${rounded > 0 ? '+' : rounded < 0 ? '-' : ''}${Math.abs(rounded).toLocaleString('en-US')}`;
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

export function robustnessText(useCaseId: string, r: RobustnessRecord): string {
  const label = METRIC_LABEL[r.metric];
  const head =
    `${useCaseId} v${r.version}: sensor-failure robustness on the ${r.set.name} set (${r.set.rows} rows, seed ${r.seed}, ${r.trigger === 'training' ? 'after training' : 'on request'}, ${formatInstant(r.createdAt)})\n` +
    `Healthy: ${label} ${metricText(r.baseline.metric)}, cost ${Math.round(r.baseline.costPer1000).toLocaleString('en-US')} ${r.currency} per 1,000\n\n`;
  const ranked = renderTable(
    ['rank', 'sensor', 'worst failure', label, `cost / 1000 ${r.currency}`, 'decisions changed'],
    r.sensors.map((s) => {
      const worst = s.modes.find((m) => m.mode === s.worstMode)!;
      return [String(s.rank), s.sensorId === null ? s.feature : `${s.feature} (${s.sensorId})`, worst.description, `${metricText(worst.metricBefore)} -> ${metricText(worst.metricAfter)}`, money(worst.costPer1000Change), percent(worst.decisionsChanged)];
    }),
  );
  const every = renderTable(
    ['sensor', 'mode', `${label} after`, `${label} change`, `cost / 1000 change ${r.currency}`, 'decisions changed'],
    r.sensors.flatMap((s) => s.modes.map((m) => [s.feature, m.mode, metricText(m.metricAfter), m.metricChange === null ? '-' : `${m.metricChange > 0 ? '+' : ''}${metricText(m.metricChange)}`, money(m.costPer1000Change), percent(m.decisionsChanged)])),
  );
  return `${head}${ranked}\nEvery failure\n${every}`;
}

export function registerRobustnessSubcommand(models: Command, io: Io): void {
  models
    .command('robustness')
    .description('Sensors of a version ranked by criticality: the benchmark replayed with each sensor stuck at its last value, stuck at zero, missing, noisy (x3) or drifting (3 sigma). Shows the newest record; --run replays anew (engineers only).')
    .argument('<use-case>', 'use case id')
    .argument('<version>', 'version number (3 or v3), alias (champion) or model version id')
    .option('--run', 'replay now and store a new record')
    .option('--seed <n>', 'seed for the noise and the drift direction (with --run)', '1')
    .action(async (useCaseId: string, version: string, options: { run?: boolean; seed: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const seed = parseIntegerOption('--seed', options.seed, 0, 2_147_483_647);
      const record = await withShopfloor(globals, io, options.run === true ? 'engineer' : 'viewer', (sf, actor) =>
        options.run === true ? sf.robustness.assess(actor, useCaseId, version, { seed }) : sf.robustness.latest(useCaseId, version),
      );
      if (globals.json === true) printJson(io, record);
      else io.out(robustnessText(useCaseId, record));
    });
}
