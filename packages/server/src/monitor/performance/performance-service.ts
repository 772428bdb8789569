// Live performance of a use case over a window: its logged predictions joined with their latest true outcome.
import type { MonitorWindowQuery, PerformanceReport } from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import { CHAMPION, getModelRecord, StoredMetrics } from '../../registry/index.js';
import type { Repositories } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import { resolveWindow, windowPredictions } from '../window.js';
import { liveMetrics, type Outcome } from './live-performance.js';

/** USE_CASE_NOT_FOUND, MONITOR_WINDOW_INVALID. Without a champion the held-out figures are null. */
export async function livePerformance(repos: Repositories, clock: Clock, useCaseId: string, query: MonitorWindowQuery): Promise<PerformanceReport> {
  const window = resolveWindow(clock, query);
  const { useCase } = await loadUseCase(repos, useCaseId);
  const rows = await windowPredictions(repos, useCaseId, window);
  const feedback = await repos.predictions.feedbackOf(rows.map((r) => r.id));
  const outcomeOf = new Map<string, Outcome['outcome']>();
  for (const f of feedback) if (f.kind === 'outcome' && f.outcome !== null) outcomeOf.set(f.predictionId, f.outcome); // oldest first: the latest wins
  const labelled: (Outcome & { modelId: string; version: number })[] = [];
  for (const r of rows) {
    const outcome = outcomeOf.get(r.id);
    if (outcome !== undefined) labelled.push({ output: r.output, outcome, modelId: r.output.model.id, version: r.output.model.version });
  }
  const ctx = { task: useCase.task, costs: useCase.costs, classes: useCase.classes };
  const { labelled: count, ...metrics } = liveMetrics(ctx, labelled);
  const models = new Map<string, { version: number; rows: Outcome[] }>();
  for (const l of labelled) {
    const entry = models.get(l.modelId) ?? { version: l.version, rows: [] };
    entry.rows.push(l);
    models.set(l.modelId, entry);
  }
  const byModel = [...models].map(([id, { version, rows: modelRows }]) => {
    const m = liveMetrics(ctx, modelRows);
    return { model: { id, version }, labelled: m.labelled, auc: m.auc, costPer1000: m.costPer1000 };
  });
  return { useCaseId, task: useCase.task, window, predictions: rows.length, labelled: count, currency: useCase.costs.currency, metrics, heldOut: await heldOut(repos, useCaseId), byModel };
}

async function heldOut(repos: Repositories, useCaseId: string): Promise<PerformanceReport['heldOut']> {
  const alias = await repos.modelAliases.get(useCaseId, CHAMPION);
  if (alias === null) return { auc: null, costPer1000: null };
  const stored = StoredMetrics.safeParse((await getModelRecord(repos, alias.modelVersionId)).metrics);
  return { auc: stored.success ? (stored.data.metrics.auc ?? null) : null, costPer1000: stored.success ? stored.data.metrics.expectedCostPer1000 : null };
}
