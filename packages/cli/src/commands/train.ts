// `shopfloor train USE_CASE`: fit, evaluate on the held-out split, register a version; progress on stderr.
import type { Command } from 'commander';
import type { ModelVersion, UseCase, User } from '@shopfloor/contracts';
import type { Shopfloor } from '@shopfloor/server';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { collect, parseParams } from '../option-values.js';
import { progressMode, progressReporter, type ProgressMode } from '../progress.js';
import { formatDecimal, formatMoney } from '../table.js';

/** Trains with a progress reporter that is always closed, also when training fails. */
export async function trainWithProgress(
  sf: Shopfloor,
  actor: User,
  useCaseId: string,
  params: Record<string, unknown>,
  io: Io,
  mode: ProgressMode,
  datasetVersionId?: string,
): Promise<ModelVersion> {
  const reporter = progressReporter(io, mode);
  try {
    return await sf.train(actor, useCaseId, { params, ...(datasetVersionId === undefined ? {} : { datasetVersionId }) }, (p) => reporter.onProgress(p));
  } finally {
    reporter.finish();
  }
}

/** One paragraph on a new version: quality, money, and whether it became the champion. */
export function describeModel(model: ModelVersion, useCase: UseCase): string {
  const m = model.metrics;
  const currency = useCase.costs.currency;
  const quality =
    m.auc !== undefined
      ? `AUC ${formatDecimal(m.auc)}${m.prAuc === undefined ? '' : `, PR-AUC ${formatDecimal(m.prAuc)}`}`
      : m.rmse !== undefined
        ? `RMSE ${formatDecimal(m.rmse)}, MAE ${formatDecimal(m.mae)}`
        : `accuracy ${formatDecimal(m.accuracy)}`;
  const saving = m.baselineCostPer1000 - m.expectedCostPer1000;
  const rule = model.decisionRule.kind === 'binary' ? `, alarm threshold ${formatDecimal(model.decisionRule.threshold)}` : '';
  return (
    `${useCase.id} v${model.version} (${model.id}), trained in ${m.trainSeconds.toFixed(1)} s on ${m.nTrain} rows, tested on ${m.nTest}\n` +
    `  ${quality}${rule}\n` +
    `  expected cost per 1,000 predictions: ${formatMoney(m.expectedCostPer1000, currency)} ` +
    `vs ${formatMoney(m.baselineCostPer1000, currency)} without a model (${saving >= 0 ? 'saves' : 'loses'} ${formatMoney(Math.abs(saving), currency)})\n` +
    `  aliases: ${model.aliases.length === 0 ? 'none (the champion stays as it was)' : model.aliases.join(', ')}\n`
  );
}

export function registerTrain(program: Command, io: Io): void {
  program
    .command('train')
    .description('Train a model version for a use case, evaluate it on the held-out split and register it.')
    .argument('<use-case>', 'use case id')
    .option('--param <key=value>', 'learner parameter, e.g. maxIter=300 or learningRate=0.05; repeatable', collect, [])
    .option('--dataset-version <id>', "train on this dataset version (a newer import) instead of the use case's own; benchmark rows stay out")
    .action(async (useCaseId: string, options: { param: string[]; datasetVersion?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const params = parseParams(options.param);
      const json = globals.json === true;
      const { model, useCase } = await withShopfloor(globals, io, 'engineer', async (sf, actor) => {
        const found = await sf.getUseCase(useCaseId);
        const trained = await trainWithProgress(sf, actor, found.id, params, io, progressMode(io, json), options.datasetVersion);
        return { model: trained, useCase: found };
      });
      if (json) printJson(io, model);
      else io.out(describeModel(model, useCase));
    });
}
