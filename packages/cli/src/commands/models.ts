// `shopfloor models USE_CASE`: the registered versions, newest first, with quality and money side by side (subcommands: models-registry.ts).
import type { Command } from 'commander';
import type { ModelVersion, UseCase } from '@shopfloor/contracts';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { formatDecimal, formatInstant, formatMoney, renderTable } from '../table.js';
import { registerModelSubcommands } from './models-registry.js';
import { registerRobustnessSubcommand } from './models-robustness.js';

export function modelsTable(useCase: UseCase, models: readonly ModelVersion[]): string {
  const regression = useCase.task === 'regression';
  const quality = regression ? 'RMSE' : useCase.task === 'binary' ? 'AUC' : 'accuracy';
  const rows = models.map((model) => {
    const m = model.metrics;
    const value = regression ? m.rmse : useCase.task === 'binary' ? m.auc : m.accuracy;
    return [
      `v${model.version}`,
      model.aliases.join(', ') || '-',
      formatDecimal(value),
      formatMoney(m.expectedCostPer1000, useCase.costs.currency),
      formatMoney(m.baselineCostPer1000, useCase.costs.currency),
      formatInstant(model.createdAt),
    ];
  });
  return renderTable(['version', 'aliases', quality, 'cost / 1000', 'no model / 1000', 'created'], rows);
}

export function registerModels(program: Command, io: Io): void {
  const modelsCommand = program
    .command('models')
    .description('List the model versions of a use case (newest first): aliases, held-out quality, expected cost per 1,000 predictions vs no model.')
    .argument('<use-case>', 'use case id')
    .action(async (useCaseId: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { useCase, models } = await withShopfloor(globals, io, 'viewer', async (sf) => ({
        useCase: await sf.getUseCase(useCaseId),
        models: await sf.listModels(useCaseId),
      }));
      if (globals.json === true) printJson(io, models);
      else if (models.length === 0) io.out(`${useCase.id} has no model versions yet: run shopfloor train ${useCase.id}\n`);
      else io.out(modelsTable(useCase, models));
    });
  registerModelSubcommands(modelsCommand, io);
  registerRobustnessSubcommand(modelsCommand, io);
}
