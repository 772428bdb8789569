// Drift of a use case's live traffic against its champion's training rows; references are cached per model version (immutable).
import type { DriftReport, MonitorWindowQuery } from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import { championId, createModelCache, getModelRecord } from '../../registry/index.js';
import { versionPredictor } from '../../serve/index.js';
import type { Repositories } from '../../store/index.js';
import { loadUseCase, type StoredUseCase } from '../../use-cases/index.js';
import { resolveWindow, windowPredictions } from '../window.js';
import { driftReport } from './drift-report.js';
import { driftReference, type DriftReference } from './reference.js';

/** References kept in memory (each holds its training columns): the champions of a few use cases. */
const CACHED_REFERENCES = 8;

export interface DriftService {
  /** USE_CASE_NOT_FOUND, MODEL_NO_CHAMPION, MONITOR_WINDOW_INVALID, MONITOR_NO_REFERENCE. */
  drift(useCaseId: string, query: MonitorWindowQuery): Promise<DriftReport>;
  clear(): void;
}

export function createDriftService(repos: Repositories, clock: Clock): DriftService {
  const models = createModelCache(repos);
  const references = new Map<string, Promise<DriftReference>>();

  function referenceOf(stored: StoredUseCase, modelVersionId: string): Promise<DriftReference> {
    let reference = references.get(modelVersionId);
    if (reference === undefined) {
      reference = (async () => {
        const record = await getModelRecord(repos, modelVersionId);
        return driftReference(repos, stored, record, await versionPredictor(models, stored, record));
      })();
      references.set(modelVersionId, reference);
      reference.catch(() => references.delete(modelVersionId));
      if (references.size > CACHED_REFERENCES) references.delete(references.keys().next().value!);
    }
    return reference;
  }

  return {
    async drift(useCaseId, query) {
      const window = resolveWindow(clock, query);
      const stored = await loadUseCase(repos, useCaseId);
      const record = await getModelRecord(repos, await championId(repos, useCaseId));
      const [reference, rows] = await Promise.all([referenceOf(stored, record.id), windowPredictions(repos, useCaseId, window)]);
      // Prediction drift compares like with like: only rows the champion itself scored.
      const outputs = rows.filter((r) => r.modelVersionId === record.id && r.path === 'champion').map((r) => r.output);
      return driftReport({ useCaseId, model: { id: record.id, version: record.version }, window }, stored.useCase.inputs, reference, { inputs: rows.map((r) => r.input), outputs });
    },
    clear() {
      references.clear();
      models.clear();
    },
  };
}
