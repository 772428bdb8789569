// `shopfloor use-case create|list|show`: define the decision a model serves, from a JSON spec or from flags.
import { Command } from 'commander';
import { CreateUseCaseRequest, ShopfloorError, type LabelTarget, type SplitSpec, type UseCase } from '@shopfloor/contracts';
import type { Shopfloor } from '@shopfloor/server';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { readJsonFile } from '../files.js';
import { printJson, type Io } from '../io.js';
import { collect, parseFeature, parseJsonOption } from '../option-values.js';
import { formatCompact, formatInstant, renderTable } from '../table.js';
import { registerFallbackRule } from './use-case-fallback-rule.js';
import { registerServingPolicy } from './use-case-serving-policy.js';

interface CreateOptions {
  file?: string;
  id?: string;
  name?: string;
  task?: string;
  dataset?: string;
  target?: string;
  feature: string[];
  costs?: string;
  entity?: string;
  time?: string;
  split?: string;
  decision?: string;
}

/** The request before validation: the spec file's object, with flags laid over it. */
export function draftRequest(fromFile: unknown, options: CreateOptions): Record<string, unknown> {
  const base = typeof fromFile === 'object' && fromFile !== null && !Array.isArray(fromFile) ? { ...(fromFile as Record<string, unknown>) } : {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) base[key] = value;
  };
  set('id', options.id);
  set('name', options.name);
  set('task', options.task);
  set('datasetVersionId', options.dataset);
  set('target', options.target);
  set('decision', options.decision);
  set('entityColumn', options.entity);
  set('timeColumn', options.time);
  if (options.feature.length > 0) base.features = options.feature.map(parseFeature);
  if (options.costs !== undefined) base.costs = parseJsonOption('--costs', options.costs);
  if (options.split !== undefined) base.split = parseJsonOption('--split', options.split);
  return base;
}

const FLAG_OF: Record<string, string> = {
  id: '--id',
  name: '--name',
  task: '--task',
  datasetVersionId: '--dataset',
  target: '--target',
  features: '--feature',
  costs: '--costs',
};

/**
 * Zod's verdict as VALIDATION_FAILED naming every bad field (`costs.missCosts: expected number`);
 * a required field left out says which flag gives it.
 */
export function validateRequest(draft: Record<string, unknown>, source: string): CreateUseCaseRequest {
  const parsed = CreateUseCaseRequest.safeParse(draft);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.') || '(root)';
    const flag = issue.path.length === 1 ? FLAG_OF[path] : undefined;
    const absent = draft[path] === undefined && flag !== undefined;
    return { path, message: absent ? `required (give ${flag} or put "${path}" in --file)` : issue.message };
  });
  throw new ShopfloorError(
    'VALIDATION_FAILED',
    `${source}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { issues },
  );
}

/** A dataset version id, or a dataset name meaning its latest version. */
export async function resolveDatasetVersion(sf: Shopfloor, idOrName: string): Promise<string> {
  try {
    return (await sf.getDatasetVersion(idOrName)).id;
  } catch (e) {
    if (!(e instanceof ShopfloorError) || e.code !== 'DATASET_NOT_FOUND') throw e;
    const latest = (await sf.listDatasets()).find((v) => v.datasetName === idOrName);
    if (latest === undefined) {
      throw new ShopfloorError('DATASET_NOT_FOUND', `No dataset version has id "${idOrName}" and no dataset is named so`, {
        dataset: idOrName,
      });
    }
    return latest.id;
  }
}

export function splitText(split: SplitSpec): string {
  switch (split.kind) {
    case 'key':
      return `test = ${split.column} % ${split.modulo} == ${split.remainder}`;
    case 'time':
      return `by time on ${split.column}, last ${Math.round(split.testFraction * 100)}% for test`;
    case 'entity':
      return `grouped by ${split.column}, ${Math.round(split.testFraction * 100)}% of them for test`;
  }
}

/** "positive within 24 h before a failure label starts (rows inside a span left out)". */
export function labelTargetText(setting: LabelTarget): string {
  const inside = { exclude: 'left out', positive: 'positive', keep: 'by the horizon rule' }[setting.duringSpan];
  return `positive within ${setting.horizonHours} h before a ${setting.classes.join(' / ')} label starts (rows inside a span: ${inside})`;
}

export function describeUseCase(useCase: UseCase): string {
  const inputs = useCase.inputs.map((input) => [
    input.name,
    input.kind,
    input.unit ?? '',
    input.kind === 'numeric' ? `${formatCompact(input.min)} .. ${formatCompact(input.max)}` : (input.levels ?? []).join(', '),
  ]);
  return (
    `${useCase.id}: ${useCase.name} (${useCase.task}, target "${useCase.target}")\n` +
    (useCase.decision === '' ? '' : `decision: ${useCase.decision}\n`) +
    (useCase.labelTarget === undefined ? '' : `target from labels: ${labelTargetText(useCase.labelTarget)}\n`) +
    `dataset version: ${useCase.datasetVersionId}\n` +
    `split: ${splitText(useCase.split)}\n` +
    `champion: ${useCase.championVersionId ?? 'none yet (train one)'}\n` +
    `created: ${formatInstant(useCase.createdAt)} by ${useCase.createdBy}\n\n` +
    renderTable(['input', 'kind', 'unit', 'training range / levels'], inputs)
  );
}

function registerCreate(group: Command, io: Io): void {
  group
    .command('create')
    .description(
      'Create a use case from a JSON spec (a CreateUseCaseRequest, see docs/api.md) or from flags; flags override the spec\'s fields.',
    )
    .option('--file <spec.json>', 'CreateUseCaseRequest as JSON')
    .option('--id <slug>', 'stable id used in URLs, e.g. machine-failure')
    .option('--name <name>', 'name people read')
    .option('--task <task>', 'binary, multiclass or regression')
    .option('--dataset <version|name>', 'dataset version id, or a dataset name for its latest version')
    .option('--target <column>', 'the column to predict')
    .option('--feature <name[:unit]>', 'a feature column and its unit, e.g. "Torque [Nm]:Nm"; repeatable', collect, [])
    .option('--costs <json>', 'costs, e.g. {"kind":"binary","currency":"EUR","trueAlarmSaves":4000,"falseAlarmCosts":300,"missCosts":5000}')
    .option('--entity <column>', 'the column naming the asset')
    .option('--time <column>', 'the time column (the split is then by time)')
    .option('--split <json>', 'split, e.g. {"kind":"key","column":"UDI","modulo":5,"remainder":0}')
    .option('--decision <text>', 'the decision in plant words, e.g. "stop for a tool change"')
    .action(async (options: CreateOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const fromFile = options.file === undefined ? undefined : await readJsonFile(io.cwd, options.file);
      const source = options.file ?? 'use case options';
      const useCase = await withShopfloor(globals, io, 'engineer', async (sf, actor) => {
        const draft = draftRequest(fromFile, options);
        if (typeof draft.datasetVersionId === 'string') draft.datasetVersionId = await resolveDatasetVersion(sf, draft.datasetVersionId);
        return sf.createUseCase(actor, validateRequest(draft, source));
      });
      if (globals.json === true) printJson(io, useCase);
      else io.out(`Created use case ${describeUseCase(useCase)}`);
    });
}

export function registerUseCase(program: Command, io: Io): void {
  const group = program.command('use-case').description('Create and inspect use cases: the decision, its target, features and costs.');
  registerCreate(group, io);
  registerFallbackRule(group, io);
  registerServingPolicy(group, io);
  group
    .command('list')
    .description('List the use cases.')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const useCases = await withShopfloor(globals, io, 'viewer', (sf) => sf.listUseCases());
      if (globals.json === true) return printJson(io, useCases);
      const rows = useCases.map((u) => [u.id, u.task, u.name, u.championVersionId === null ? 'no' : 'yes']);
      io.out(renderTable(['id', 'task', 'name', 'champion'], rows));
    });
  group
    .command('show')
    .description('Show one use case with its inputs and their training ranges.')
    .argument('<use-case>', 'use case id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const useCase = await withShopfloor(globals, io, 'viewer', (sf) => sf.getUseCase(id));
      if (globals.json === true) printJson(io, useCase);
      else io.out(describeUseCase(useCase));
    });
}
