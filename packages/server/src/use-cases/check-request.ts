// Checks a use-case request against its dataset version: columns exist, features can be inputs, target fits the task.
import { ShopfloorError, type CreateUseCaseRequest, type Costs, type SplitSpec } from '@shopfloor/contracts';
import { validateCosts } from '../decide/index.js';
import type { TypedColumn, TypedTable } from '../ingest/index.js';
import { defaultSplit, deriveClasses, featureKindOf, useCaseInvalid } from '../learn/index.js';
import { checkLabelTarget } from './label-target-check.js';

export interface CheckedRequest {
  /** Null when the target comes from labels (req.labelTarget). */
  target: TypedColumn | null;
  classes: string[] | undefined;
  /** Checked and, for multiclass, in the order of `classes`. */
  costs: Costs;
  split: SplitSpec;
  splitReason: string;
  /** Id columns that could key a split or identify a benchmark row, best first. */
  keyColumns: string[];
}

/** Every column the request names, with the role it plays, so one error can list all missing ones. */
function namedColumns(req: CreateUseCaseRequest): { name: string; role: string }[] {
  return [
    ...(req.labelTarget === undefined ? [{ name: req.target, role: 'target' }] : []),
    ...req.features.map((f) => ({ name: f.name, role: 'feature' })),
    ...(req.entityColumn === undefined ? [] : [{ name: req.entityColumn, role: 'entityColumn' }]),
    ...(req.timeColumn === undefined ? [] : [{ name: req.timeColumn, role: 'timeColumn' }]),
    ...(req.split === undefined ? [] : [{ name: req.split.column, role: 'split' }]),
  ];
}

function checkColumnsExist(table: TypedTable, req: CreateUseCaseRequest): Map<string, TypedColumn> {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const missing = namedColumns(req).filter((c) => !byName.has(c.name));
  if (missing.length > 0) {
    throw new ShopfloorError(
      'DATASET_COLUMN_MISSING',
      `dataset version ${req.datasetVersionId} (${table.fileName}) has no column ${missing.map((m) => `${JSON.stringify(m.name)} (${m.role})`).join(', ')}`,
      { datasetVersionId: req.datasetVersionId, columns: missing.map((m) => m.name), missing, available: table.columns.map((c) => c.name).slice(0, 100) },
    );
  }
  return byName;
}

function checkFeatures(req: CreateUseCaseRequest, byName: Map<string, TypedColumn>): void {
  const seen = new Set<string>();
  for (const f of req.features) {
    if (seen.has(f.name)) throw useCaseInvalid('features', `"${f.name}" is listed twice`, { feature: f.name });
    seen.add(f.name);
    if (f.name === req.target) throw useCaseInvalid('features', `"${f.name}" is the target; a model cannot read its own answer`, { feature: f.name });
    featureKindOf(byName.get(f.name)!);
  }
}

/** Id columns holding integers (row numbers such as AI4I's UDI) first, then other id columns. */
function idKeyColumns(table: TypedTable): string[] {
  const ids = table.columns.filter((c): c is Extract<TypedColumn, { kind: 'id' }> => c.kind === 'id');
  const integerLike = (c: (typeof ids)[number]) => c.values.every((v) => v === null || /^-?\d{1,15}$/.test(v));
  return [...ids.filter(integerLike), ...ids.filter((c) => !integerLike(c))].map((c) => c.name);
}

export function checkRequest(table: TypedTable, req: CreateUseCaseRequest): CheckedRequest {
  const byName = checkColumnsExist(table, req);
  checkFeatures(req, byName);
  if (req.timeColumn !== undefined) {
    const time = byName.get(req.timeColumn)!;
    if (time.kind !== 'timestamp' && time.kind !== 'numeric') {
      throw useCaseInvalid('timeColumn', `column "${time.name}" is ${time.kind}; a time column must be a timestamp or a number`, { column: time.name, kind: time.kind });
    }
  }
  const { labelTarget } = req;
  const target = labelTarget === undefined ? byName.get(req.target)! : null;
  const classes = labelTarget === undefined ? deriveClasses(target!, req.task, req.costs) : checkLabelTarget({ ...req, labelTarget }, byName);
  const costs = validateCosts(req.costs, req.costs.kind === 'multiclass' ? classes : undefined);
  const keyColumns = idKeyColumns(table);
  const chosen =
    req.split === undefined
      ? defaultSplit({ timeColumn: req.timeColumn, entityColumn: req.entityColumn, keyColumns })
      : { spec: req.split, reason: `as given: ${req.split.kind} split on "${req.split.column}"` };
  return { target, classes, costs, split: chosen.spec, splitReason: chosen.reason, keyColumns };
}
