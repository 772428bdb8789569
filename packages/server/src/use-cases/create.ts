// Creating a use case: check it against its dataset version, fix the split, freeze the benchmark keys, store it.
import { ShopfloorError, type CreateUseCaseRequest, type UseCase, type User } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import { loadDatasetTable } from '../ingest/index.js';
import { assignSplit, benchmarkKeyColumns, benchmarkKeys, encodeLabels, useCaseInvalid } from '../learn/index.js';
import { newId, type Store } from '../store/index.js';
import { checkRequest } from './check-request.js';
import { modelInputs } from './inputs.js';
import { fromRecord, type StoredSpec, type StoredSplit } from './stored.js';

export interface UseCaseDeps {
  store: Store;
  clock: Clock;
}

interface SplitRows {
  train: Uint8Array;
  test: Uint8Array;
  counts: StoredSplit['rows'];
}

/** Train = not test with a target; the split must leave rows on both sides, and every class in training. */
function splitRows(test: Uint8Array, labels: Float64Array, classes: readonly string[] | undefined): SplitRows {
  const train = new Uint8Array(test.length);
  const counts = { train: 0, test: 0, missingTarget: 0 };
  const seen = new Set<number>();
  for (let r = 0; r < test.length; r++) {
    if (Number.isNaN(labels[r]!)) counts.missingTarget++;
    else if (test[r] === 1) counts.test++;
    else {
      train[r] = 1;
      counts.train++;
      seen.add(labels[r]!);
    }
  }
  if (counts.train === 0 || counts.test === 0) {
    throw useCaseInvalid('split', `leaves ${counts.train} training and ${counts.test} test rows; both need some`, { rows: counts });
  }
  if (classes !== undefined && seen.size < 2) {
    throw useCaseInvalid('target', `the training rows hold only class ${classes[[...seen][0] ?? 0]}; the model needs to see at least two`, { rows: counts });
  }
  return { train, test: Uint8Array.from(test, (t, r) => (t === 1 && !Number.isNaN(labels[r]!) ? 1 : 0)), counts };
}

/**
 * USE_CASE_EXISTS, DATASET_NOT_FOUND, DATASET_COLUMN_MISSING (naming every absent column) or
 * USE_CASE_INVALID (naming the part) when the request does not fit; otherwise the stored use case.
 */
export async function createUseCase(deps: UseCaseDeps, actor: User, req: CreateUseCaseRequest): Promise<UseCase> {
  if ((await deps.store.useCases.get(req.id)) !== null) {
    throw new ShopfloorError('USE_CASE_EXISTS', `A use case with id "${req.id}" exists already`, { id: req.id });
  }
  const { table } = await loadDatasetTable(deps.store, req.datasetVersionId);
  const checked = checkRequest(table, req);
  const test = assignSplit(table.columns, checked.split);
  // A target from labels is unknown until training (labels are recorded on the use case later): every row
  // counts here, and training checks that both classes are present.
  const rows =
    checked.target === null
      ? splitRows(test, new Float64Array(test.length), undefined)
      : splitRows(test, encodeLabels(checked.target, checked.classes), checked.classes);
  const keyColumns = benchmarkKeyColumns(checked.split, { idColumn: checked.keyColumns[0], entityColumn: req.entityColumn });
  const benchmark = benchmarkKeys(table.columns, rows.test, keyColumns);
  const inputs = modelInputs(table, req.features, rows.train);
  const now = deps.clock.now().toISOString();
  const spec: StoredSpec = {
    decision: req.decision,
    target: req.target,
    features: req.features,
    ...(req.entityColumn === undefined ? {} : { entityColumn: req.entityColumn }),
    ...(req.timeColumn === undefined ? {} : { timeColumn: req.timeColumn }),
    costs: checked.costs,
    inputs,
    ...(checked.classes === undefined ? {} : { classes: checked.classes }),
    ...(req.labelTarget === undefined ? {} : { labelTarget: req.labelTarget }),
  };
  return deps.store.transaction(async (tx) => {
    const artifactSha256 = await tx.artifacts.put('benchmark', Buffer.from(JSON.stringify(benchmark), 'utf8'), now);
    const split: StoredSplit = {
      spec: checked.split,
      reason: checked.splitReason,
      rows: rows.counts,
      benchmark: { columns: benchmark.columns, count: benchmark.keys.length, artifactSha256 },
    };
    const record = { id: req.id, name: req.name, task: req.task, spec, datasetVersionId: req.datasetVersionId, split, createdAt: now, createdBy: actor.id };
    await tx.useCases.insert(record);
    await tx.audit.append({
      id: newId('aud'),
      at: now,
      userId: actor.id,
      action: 'use-case.create',
      subject: `use-case:${req.id}`,
      details: {
        name: req.name,
        task: req.task,
        datasetVersionId: req.datasetVersionId,
        split: checked.split,
        rows: rows.counts,
        ...(req.labelTarget === undefined ? {} : { labelTarget: req.labelTarget }),
      },
    });
    // Read back through the same parser as getUseCase, so both answer the same shape.
    return { ...fromRecord(record).useCase, championVersionId: null };
  });
}
