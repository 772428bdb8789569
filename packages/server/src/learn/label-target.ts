// The target of each row: the use case's target column, or (labelTarget) "a label of these classes starts within H", with the labels it used.
import { ShopfloorError, type Label, type LabelTarget, type UseCase } from '@shopfloor/contracts';
import type { TypedTable } from '../ingest/index.js';
import { horizonTargets, type HorizonTargetCounts } from '../label/index.js';
import { requireColumns } from './feature-matrix.js';
import { classTextOf, encodeLabels, useCaseInvalid } from './target.js';

const HOUR_MS = 3_600_000;

/** What a model version records of the labels it was trained on, so a retraining on more labels is visibly different. */
export interface LabelLineage {
  classes: string[];
  horizonHours: number;
  mode: LabelTarget['mode'];
  duringSpan: LabelTarget['duringSpan'];
  labels: {
    /** Standing (not retracted) labels of the classes when training read them. */
    count: number;
    /** created_at of the newest of them; null when there are none. */
    latestCreatedAt: string | null;
    /** Distinct assets they are on. */
    assets: number;
    /** Labelled assets the dataset has no row of (a typo in a label, or another line's asset), at most 20. */
    assetsNotInData: string[];
  };
  /** Rows by target: positive, negative, inside a span (left out), censored, without asset or time. */
  targets: HorizonTargetCounts;
}

export interface RowTargets {
  /** One per row in decide/'s conventions; NaN = no target (left out of training and testing). */
  targets: Float64Array;
  /** Null when the target is a dataset column. */
  labelLineage: LabelLineage | null;
}

type TargetUseCase = Pick<UseCase, 'target' | 'classes' | 'labelTarget' | 'entityColumn' | 'timeColumn'>;

function lineageOf(setting: LabelTarget, used: readonly Label[], rowAssets: ReadonlySet<string>, targets: HorizonTargetCounts): LabelLineage {
  const assets = new Set(used.map((l) => l.asset));
  const latest = used.reduce<string | null>((max, l) => (max === null || l.createdAt > max ? l.createdAt : max), null);
  return {
    classes: [...setting.classes],
    horizonHours: setting.horizonHours,
    mode: setting.mode,
    duringSpan: setting.duringSpan,
    labels: { count: used.length, latestCreatedAt: latest, assets: assets.size, assetsNotInData: [...assets].filter((a) => !rowAssets.has(a)).sort().slice(0, 20) },
    targets,
  };
}

function noPositives(lineage: LabelLineage, why: string): ShopfloorError {
  const { labels, classes, horizonHours } = lineage;
  const missing = labels.assetsNotInData.length === 0 ? '' : `; labelled assets without rows in the dataset: ${labels.assetsNotInData.join(', ')}`;
  return new ShopfloorError(
    'LABEL_TARGET_NO_POSITIVES',
    `labelTarget: ${why} (${labels.count} standing label(s) of class ${classes.join(' / ')}, horizon ${horizonHours} h${missing}); record labels on the use case's assets first`,
    { part: 'labelTarget', classes, horizonHours, labels, targets: lineage.targets },
  );
}

/** Targets from the use case's standing labels of its classes; LABEL_TARGET_NO_POSITIVES when no row is positive. */
function fromLabels(table: TypedTable, useCase: TargetUseCase, setting: LabelTarget, labels: readonly Label[]): RowTargets {
  if (useCase.entityColumn === undefined || useCase.timeColumn === undefined) {
    throw useCaseInvalid('labelTarget', 'needs entityColumn and timeColumn', { field: useCase.entityColumn === undefined ? 'entityColumn' : 'timeColumn' });
  }
  const columns = requireColumns(table, [useCase.entityColumn, useCase.timeColumn], 'labelTarget');
  const entity = columns[0]!;
  const time = columns[1]!;
  if (time.kind !== 'timestamp') {
    throw useCaseInvalid('labelTarget', `column "${time.name}" is ${time.kind} in this dataset version; label times need a timestamp column`, { field: 'timeColumn', column: time.name });
  }
  const assetOf = classTextOf(entity);
  const assets = Array.from({ length: table.rows }, (_, r) => assetOf(r));
  const used = labels.filter((l) => !l.retracted && setting.classes.includes(l.class));
  const { targets, counts } = horizonTargets({ assets, times: time.values }, used, {
    classes: setting.classes,
    horizonMs: setting.horizonHours * HOUR_MS,
    duringSpan: setting.duringSpan,
  });
  const lineage = lineageOf(setting, used, new Set(assets.filter((a): a is string => a !== null)), counts);
  if (counts.positive === 0) throw noPositives(lineage, `no row lies within ${setting.horizonHours} h before the start of a label`);
  if (counts.negative === 0) {
    throw new ShopfloorError('TRAINING_FAILED', `labelTarget: every row with a target is positive (${counts.positive}); the model needs rows far from any failure too`, {
      part: 'labelTarget',
      targets: counts,
    });
  }
  return { targets, labelLineage: lineage };
}

/** The target per row, from the target column or from labels (`labels`: the use case's labels; retracted ones are skipped). */
export function rowTargets(table: TypedTable, useCase: TargetUseCase, labels: readonly Label[] = []): RowTargets {
  if (useCase.labelTarget !== undefined) return fromLabels(table, useCase, useCase.labelTarget, labels);
  const [column] = requireColumns(table, [useCase.target], 'target');
  return { targets: encodeLabels(column!, useCase.classes), labelLineage: null };
}

/** LABEL_TARGET_NO_POSITIVES when the split left every positive row out of the rows the trees are fitted on. */
export function requirePositiveFitRows(result: RowTargets, fitRows: Int32Array): void {
  if (result.labelLineage === null) return;
  if (fitRows.some((r) => result.targets[r] === 1)) return;
  throw noPositives(result.labelLineage, `all ${result.labelLineage.targets.positive} positive row(s) fall in the validation or test part of the split, none in the rows the model is fitted on`);
}
