// The programmatic facade over the loop (import, use cases, train, registry, predict): what the CLI and the HTTP routes call.
import type { z } from 'zod';
import type { TrainingProgress } from '@shopfloor/gbdt';
import {
  CreateLabelRequest,
  CreateUseCaseRequest,
  ImportDatasetQuery,
  ListLabelsQuery,
  TrainRequest,
  type DatasetVersion,
  type Label,
  type LabelList,
  type ModelVersion,
  type PredictResponse,
  type UseCase,
  type User,
  validationError,
} from '@shopfloor/contracts';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { getDatasetVersion, importDataset, listDatasetVersions, loadDatasetTable } from './ingest/index.js';
import { createLabels, listLabels, loadStandingLabels } from './label/index.js';
import { codeVersion, trainModel } from './learn/index.js';
import { createChampionAliases, createModelCache, listModels, registerModel } from './registry/index.js';
import { createPredictionLog, createPredictionService, createServingPolicies, type PredictInput } from './serve/index.js';
import { createServingPolicyFacade, type ServingPolicyFacade } from './shopfloor-serving-policy.js';
import { createPredictionLogFacade, type PredictionLogFacade } from './shopfloor-predictions.js';
import { createDeploymentsFacade, type DeploymentsFacade } from './shopfloor-deployments.js';
import { alertingLog, createConfiguredDispatcher, createMonitorFacade, type MonitorFacade } from './shopfloor-monitor.js';
import { createRegistryFacade, type RegistryFacade } from './shopfloor-registry.js';
import { createEvaluateFacade, type EvaluateFacade } from './shopfloor-evaluate.js';
import { createRobustnessFacade, type RobustnessFacade } from './shopfloor-robustness.js';
import { createCompanionsFacade, withCompanionsOnPromotion, type CompanionsFacade } from './shopfloor-companions.js';
import { createSensorsFacade, type SensorsFacade } from './shopfloor-sensors.js';
import { createStreamingFacade, streamingErrorLogger, type StreamingFacade } from './shopfloor-streaming.js';
import { newId, openStore, type Store } from './store/index.js';
import { createUseCase, getUseCase, listUseCases, loadBenchmark, loadUseCase, currentFallbackRule } from './use-cases/index.js';

export interface Shopfloor {
  readonly store: Store;
  readonly config: Config;
  readonly clock: Clock;
  /** Aliases and their history, model cards, known limits, metric history. */
  readonly registry: RegistryFacade;
  /** Comparing versions on the frozen sets, and the gate with its records. */
  readonly evaluate: EvaluateFacade;
  /** Sensor-failure robustness records of model versions (also run right after training). */
  readonly robustness: RobustnessFacade;
  /** Companion models (trained for a new champion right after training or promotion) and the live sensor health serving reads. */
  readonly companions: CompanionsFacade;
  /** The prediction log every predict call writes to (before it answers), its queries, feedback and retention. */
  readonly predictions: PredictionLogFacade;
  /** Deployments: shadow, split, canary variants and mirrors, promotion with approvals, rollback, verdicts, the canary controller. */
  readonly deployments: DeploymentsFacade;
  /** Drift and live performance, alerts that reach the line (webhook, MQTT) with their acknowledgement, batch scoring. */
  readonly monitor: MonitorFacade;
  /** Sensors and readings (one per app: HTTP, MQTT ingest and the CLI store readings through it, so live trust sees them all). */
  readonly sensors: SensorsFacade;
  /** Per use case: what serving does with out-of-range inputs, unsure answers and a slow champion (changes audited). */
  readonly servingPolicy: ServingPolicyFacade;
  /** Scoring readings as they arrive, per use case (PUT /api/v1/use-cases/{id}/streaming). */
  readonly streaming: StreamingFacade;
  /** `created` is false when the same bytes, options and dataset name were imported before. */
  importDataset(actor: User, bytes: Uint8Array, query: z.input<typeof ImportDatasetQuery>): Promise<{ version: DatasetVersion; created: boolean }>;
  /** Every version of every dataset, newest first. */
  listDatasets(): Promise<DatasetVersion[]>;
  /** DATASET_NOT_FOUND. */
  getDatasetVersion(id: string): Promise<DatasetVersion>;
  /** USE_CASE_EXISTS, USE_CASE_INVALID, DATASET_COLUMN_MISSING, DATASET_NOT_FOUND, VALIDATION_FAILED. */
  createUseCase(actor: User, req: z.input<typeof CreateUseCaseRequest>): Promise<UseCase>;
  /** USE_CASE_NOT_FOUND. */
  getUseCase(id: string): Promise<UseCase>;
  listUseCases(): Promise<UseCase[]>;
  /** Trains, evaluates and registers one model version (TRAINING_FAILED naming the parameter or data problem). */
  train(actor: User, useCaseId: string, req?: z.input<typeof TrainRequest>, onProgress?: (p: TrainingProgress) => void): Promise<ModelVersion>;
  /** Records labels (one or a batch, all or nothing) with an audit entry; USE_CASE_NOT_FOUND, LABEL_INVALID_SPAN, VALIDATION_FAILED. */
  recordLabels(actor: User, useCaseId: string, req: z.input<typeof CreateLabelRequest>): Promise<Label[]>;
  /** One page of the use case's labels, ordered by start; USE_CASE_NOT_FOUND, VALIDATION_FAILED. */
  listLabels(useCaseId: string, query?: z.input<typeof ListLabelsQuery>): Promise<LabelList>;
  /** Newest first; USE_CASE_NOT_FOUND. */
  listModels(useCaseId: string): Promise<ModelVersion[]>;
  /** With the champion, or the degraded path for untrusted inputs; USE_CASE_NOT_FOUND, MODEL_NO_CHAMPION, PREDICT_FEATURE_MISSING / _TYPE, PREDICT_UNKNOWN_CATEGORY, PREDICT_SENSOR_UNKNOWN. */
  predict(useCaseId: string, req: PredictInput): Promise<PredictResponse>;
  /** Closes the store when openShopfloor opened it; a store handed in stays open. */
  close(): Promise<void>;
}

/** How many label ids one audit entry lists (as the HTTP route does); the count is always complete. */
const AUDITED_LABEL_IDS = 100;

export interface ShopfloorDeps {
  store: Store;
  config: Config;
  clock: Clock;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error.issues);
  return result.data;
}

/** A facade over an open, migrated store that the caller owns (createApp uses this one). */
export function createShopfloor(deps: ShopfloorDeps, onClose: () => Promise<void> = async () => undefined): Shopfloor {
  const { store, config, clock } = deps;
  const code = codeVersion();
  const robustness = createRobustnessFacade(store, clock, config.logLevel);
  const companions = createCompanionsFacade(store, clock, config);
  const log = createPredictionLog(store, { ...(config.shadowQueueLimit === undefined ? {} : { shadowQueueLimit: config.shadowQueueLimit }) });
  // The champion alias is read at most once a second; every move this process makes is forgotten at once.
  const champions = createChampionAliases(store);
  const deployments = createDeploymentsFacade({ store, clock, config, onChange: (useCaseId) => champions.forget(useCaseId) });
  // Served decisions that act become alerts once their log rows committed (the dispatcher never blocks or fails a prediction).
  const alerts = createConfiguredDispatcher(store, clock, config);
  const policies = createServingPolicies(store);
  const serving = createPredictionService(store, { champions, servingPolicies: policies, health: companions.health, fallbackRule: (useCaseId) => currentFallbackRule(store, useCaseId), log: alertingLog(log, alerts), now: () => clock.now(), rollout: deployments.runtime });
  // Readings stored through the sensors facade (HTTP, MQTT) complete rows that are scored like any request: logged, alerting, degraded when untrusted.
  const streaming = createStreamingFacade({ store, clock, predict: (useCaseId, req) => serving.predict(useCaseId, req), health: companions.health, onError: streamingErrorLogger(clock, config) });
  const monitor = createMonitorFacade({ store, clock, config, alerts, predict: (useCaseId, req) => serving.predict(useCaseId, req) });
  return {
    store,
    config,
    clock,
    registry: withCompanionsOnPromotion(createRegistryFacade({ store, clock, onAliasMoved: (useCaseId) => champions.forget(useCaseId) }), companions),
    evaluate: createEvaluateFacade(store, clock, createModelCache(store)),
    robustness,
    companions,
    deployments,
    monitor,
    servingPolicy: createServingPolicyFacade({ store, clock, policies }),
    sensors: createSensorsFacade({ store, clock, config, health: companions.health, onStored: (readings) => streaming.observe(readings) }),
    streaming,
    predictions: createPredictionLogFacade({ store, clock, log, retentionDays: config.predictionRetentionDays }),
    async importDataset(actor, bytes, query) {
      return importDataset({ store, clock, siteTimeZone: config.timeZone }, actor, bytes, parse(ImportDatasetQuery, query, 'querystring'));
    },
    listDatasets: () => listDatasetVersions(store),
    getDatasetVersion: (id) => getDatasetVersion(store, id),
    async createUseCase(actor, req) {
      return createUseCase({ store, clock }, actor, parse(CreateUseCaseRequest, req, 'body'));
    },
    getUseCase: (id) => getUseCase(store, id),
    listUseCases: () => listUseCases(store),
    async train(actor, useCaseId, req = {}, onProgress) {
      const { params, datasetVersionId } = parse(TrainRequest, req, 'body');
      const stored = await loadUseCase(store, useCaseId);
      const versionId = datasetVersionId ?? stored.useCase.datasetVersionId;
      const { table } = await loadDatasetTable(store, versionId);
      // A target from labels reads the standing labels as they are now; the version records which (params.labelTarget).
      const labels = stored.useCase.labelTarget === undefined ? undefined : await loadStandingLabels(store, useCaseId, stored.useCase.labelTarget.classes);
      const trained = await trainModel({ useCase: stored.useCase, table, benchmark: await loadBenchmark(store, stored), params, labels, onProgress });
      const version = await registerModel({ store, clock }, actor, {
        useCaseId,
        datasetVersionId: versionId,
        modelText: trained.modelText,
        params: trained.params,
        codeVersion: code,
        metrics: trained.metrics,
        decisionRule: trained.decisionRule,
        featureImportance: trained.featureImportance,
        training: { rows: trained.rows, ...trained.window },
      });
      await robustness.afterTraining(actor, version); // never fails training: logged, the card stays not-assessed
      await companions.afterTraining(actor, version); // a new champion only; never fails training either
      return version;
    },
    async recordLabels(actor, useCaseId, req) {
      const request = parse(CreateLabelRequest, req, 'body');
      return store.transaction(async (tx) => {
        const created = await createLabels({ store: tx, clock }, actor, useCaseId, request);
        await tx.audit.append({
          id: newId('aud'),
          at: clock.now().toISOString(),
          userId: actor.id,
          action: 'label.create',
          subject: `use-case:${useCaseId}`,
          details: { count: created.length, labelIds: created.slice(0, AUDITED_LABEL_IDS).map((l) => l.id) },
        });
        return created;
      });
    },
    listLabels: (useCaseId, query = {}) => listLabels(store, useCaseId, parse(ListLabelsQuery, query, 'querystring')),
    async listModels(useCaseId) {
      await loadUseCase(store, useCaseId);
      return listModels(store, useCaseId);
    },
    predict: (useCaseId, req) => serving.predict(useCaseId, req),
    async close() {
      serving.clear();
      await deployments.close(); // queued shadows finish and reach the log before it closes
      await log.close(); // everything appended is committed before the store closes
      await monitor.close(); // alerts of those rows stored, sinks given a moment to deliver
      await onClose();
    },
  };
}

export interface OpenShopfloorOptions {
  config: Config;
  clock?: Clock;
  /** An open, migrated store; by default one is opened from config (and migrated), and closed by close(). */
  store?: Store;
}

export async function openShopfloor(opts: OpenShopfloorOptions): Promise<Shopfloor> {
  const clock = opts.clock ?? systemClock;
  if (opts.store !== undefined) return createShopfloor({ store: opts.store, config: opts.config, clock });
  const store = openStore({ url: opts.config.databaseUrl, dataDir: opts.config.dataDir });
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return createShopfloor({ store, config: opts.config, clock }, () => store.close());
}
