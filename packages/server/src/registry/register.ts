// Registering a trained model: artifact, immutable version record and (the first time it beats no model) the champion alias.
import type { DecisionRule, Metrics, ModelVersion, User } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import { newId, type Store } from '../store/index.js';
import { pointAlias } from './aliases.js';
import { toModelVersion, type FeatureImportance, type StoredMetrics, type StoredTraining } from './model-record.js';

export const CHAMPION = 'champion';

export interface NewModel {
  useCaseId: string;
  datasetVersionId: string;
  /** saveModel's text. */
  modelText: string;
  params: Record<string, unknown>;
  codeVersion: string;
  metrics: Metrics;
  decisionRule: DecisionRule;
  featureImportance: FeatureImportance;
  /** Rows and time range learned from (the model card's data window); omitted by callers that do not know them. */
  training?: StoredTraining | undefined;
}

/** Whether the model saves money against the best constant decision on the held-out rows. */
export function beatsNoModel(metrics: Metrics): boolean {
  return metrics.expectedCostPer1000 < metrics.baselineCostPer1000;
}

/**
 * Stores everything in one transaction. The champion alias is set only when the use case has none
 * and this version beats the no-model baseline; later versions never move it on their own
 * (promoting a better one is a deliberate act of a later stage).
 */
export async function registerModel(deps: { store: Store; clock: Clock }, actor: User, m: NewModel): Promise<ModelVersion> {
  const now = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const artifactSha256 = await tx.artifacts.put('model', Buffer.from(m.modelText, 'utf8'), now);
    const metrics: StoredMetrics = { metrics: m.metrics, featureImportance: m.featureImportance, ...(m.training === undefined ? {} : { training: m.training }) };
    const record = await tx.modelVersions.insert({
      id: newId('mv'),
      useCaseId: m.useCaseId,
      datasetVersionId: m.datasetVersionId,
      params: m.params,
      codeVersion: m.codeVersion,
      metrics,
      expectedCostPer1000: m.metrics.expectedCostPer1000,
      threshold: m.decisionRule,
      artifactSha256,
      createdAt: now,
      createdBy: actor.id,
    });
    const subject = `use-case:${m.useCaseId}`;
    await tx.audit.append({
      id: newId('aud'),
      at: now,
      userId: actor.id,
      action: 'model.train',
      subject,
      details: { modelVersionId: record.id, version: record.version, datasetVersionId: m.datasetVersionId, expectedCostPer1000: m.metrics.expectedCostPer1000, baselineCostPer1000: m.metrics.baselineCostPer1000 },
    });
    const aliases: string[] = [];
    if ((await tx.modelAliases.get(m.useCaseId, CHAMPION)) === null && beatsNoModel(m.metrics)) {
      await pointAlias(tx, now, actor, CHAMPION, record, 'first version that beats the no-model expected cost');
      aliases.push(CHAMPION);
    }
    return toModelVersion(record, aliases);
  });
}
