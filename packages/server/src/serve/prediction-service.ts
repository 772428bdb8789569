// Answers predict requests for any use case with its champion (or a fallback chain: untrusted inputs, model error or timeout, out of range, low confidence), keeping use cases and compiled models in memory.
import { ShopfloorError, type InputRow, type PredictRequest, type PredictResponse } from '@shopfloor/contracts';
import { championId, createModelCache, getModelRecord, type ChampionAliases } from '../registry/index.js';
import { createIdSource, type Repositories } from '../store/index.js';
import { loadUseCase, type StoredUseCase } from '../use-cases/index.js';
import { companionPredictor } from './companion-predictor.js';
import type { FallbackRule } from './degraded-answer.js';
import { degradedPredictions } from './degraded-path.js';
import { createChampionFallback } from './fallback/champion-fallback.js';
import { isModelTrigger, ModelFailure, type ModelGuardOptions } from './fallback/model-guard.js';
import type { ServingPolicies } from './fallback/serving-policy.js';
import { logPredictions, type UnloggedResponse } from './log/logged-predictions.js';
import type { PredictionLog } from './log/prediction-log.js';
import type { Predictor } from './predictor.js';
import type { DeploymentPlan, RolloutRuntime } from './rollout/rollout-runtime.js';
import { rowEntity } from './row-entity.js';
import { createSensorHealthBoard, type SensorHealthBoard } from './sensor-health-board.js';
import { untrustedInputs } from './untrusted-inputs.js';
import { versionPredictor } from './version-predictor.js';

/** What a caller may send: PredictRequest with its defaults (explain false, top 5) still optional. */
export type PredictInput = Omit<PredictRequest, 'explain' | 'topContributions'> & { explain?: boolean; topContributions?: number };

export interface PredictionService {
  predict(useCaseId: string, req: PredictInput): Promise<PredictResponse>;
  /** Forgets every loaded model and use case (they reload on the next request). */
  clear(): void;
}

export interface PredictionServiceOptions {
  /** Live sensor health; inputs whose sensor is `untrusted` here are never read. */
  health?: SensorHealthBoard;
  /** The use case's standing fallback rule (use-cases/currentFallbackRule), or null. */
  fallbackRule?: (useCaseId: string) => Promise<FallbackRule | null>;
  /** Every answered row is logged here, and the answer waits for the commit; without it rows still get ids. */
  log?: PredictionLog;
  now?: () => Date;
  /** Deployment variants, shadows and mirrors (serve/rollout); without it the champion answers every row. */
  rollout?: RolloutRuntime;
  /** Per use case: out-of-range and low-confidence handling, the champion's call budget (serve/fallback); default: read from the store. */
  servingPolicies?: ServingPolicies;
  /** The champion's load budget and slow cool-down (serve/fallback/model-guard). */
  modelGuard?: Partial<ModelGuardOptions>;
  /** The champion alias, cached (registry/createChampionAliases); default: read from the store on every request. */
  champions?: Pick<ChampionAliases, 'get'>;
}

export const DEFAULT_TOP_CONTRIBUTIONS = 5;
/** The most rows one request may carry (PredictRequest says the same for HTTP). */
export const MAX_PREDICT_ROWS = 10_000;

function requestRows(req: PredictInput): readonly InputRow[] {
  if ((req.row === undefined) === (req.rows === undefined)) {
    throw new ShopfloorError('VALIDATION_FAILED', 'give exactly one of `row` or `rows`', { in: 'body', issues: [{ path: '', message: 'give exactly one of `row` or `rows`', code: 'custom' }] });
  }
  const rows = req.rows ?? (req.row === undefined ? [] : [req.row]);
  if (rows.length > MAX_PREDICT_ROWS) {
    throw new ShopfloorError('PREDICT_TOO_MANY_ROWS', `${rows.length} rows in one request; at most ${MAX_PREDICT_ROWS}`, { rows: rows.length, limit: MAX_PREDICT_ROWS });
  }
  return rows;
}

/**
 * Use cases and model versions are immutable, so both are cached by id for the life of this service;
 * only the champion alias moves: it is read on every request unless `champions` caches it. A single-row
 * request then costs one row read against precompiled feature mappings and one tree walk.
 */
export function createPredictionService(repos: Repositories, opts: PredictionServiceOptions = {}): PredictionService {
  const health = opts.health ?? createSensorHealthBoard(() => new Date());
  const fallbackRule = opts.fallbackRule ?? (async () => null);
  const models = createModelCache(repos);
  const useCases = new Map<string, StoredUseCase>();
  const predictors = new Map<string, Promise<Predictor>>();
  const champions = opts.champions ?? { get: (useCaseId: string) => championId(repos, useCaseId) };

  async function useCaseOf(id: string): Promise<StoredUseCase> {
    let stored = useCases.get(id);
    if (stored === undefined) {
      stored = await loadUseCase(repos, id);
      useCases.set(id, stored);
    }
    return stored;
  }

  async function compile(stored: StoredUseCase, modelVersionId: string): Promise<Predictor> {
    return versionPredictor(models, stored, await getModelRecord(repos, modelVersionId));
  }

  function predictorOf(stored: StoredUseCase, modelVersionId: string): Promise<Predictor> {
    let predictor = predictors.get(modelVersionId);
    if (predictor === undefined) {
      predictor = compile(stored, modelVersionId);
      predictors.set(modelVersionId, predictor);
      predictor.catch(() => predictors.delete(modelVersionId));
    }
    return predictor;
  }

  /** Companions are stored once and never change: a found one is cached, a missing one is looked up again next time. */
  const companions = new Map<string, Promise<Predictor>>();
  async function companionOf(stored: StoredUseCase, championVersionId: string, leftOut: string) {
    const record = await repos.companionModels.get(championVersionId, leftOut);
    if (record === null) return null;
    let predictor = companions.get(record.id);
    if (predictor === undefined) {
      predictor = (async () => companionPredictor(repos, stored, await getModelRecord(repos, championVersionId), record))();
      companions.set(record.id, predictor);
      predictor.catch(() => companions.delete(record.id));
    }
    return { record, predictor: await predictor };
  }

  // A champion that fails, is slow, or answers out of range or unsure takes its fallback chain (serve/fallback).
  const fallback = createChampionFallback(repos, { predictorOf, fallbackRule, policies: opts.servingPolicies, guard: opts.modelGuard });

  /** The answer to validated rows: the champion (or the variant the deployment gives the row's entity), else the chain its trigger names. */
  async function answer(stored: StoredUseCase, req: PredictInput, plan: DeploymentPlan | null): Promise<UnloggedResponse & { championVersionId?: string; rows: readonly InputRow[] }> {
    const useCaseId = stored.useCase.id;
    const championVersionId = await champions.get(useCaseId);
    const policy = await fallback.policy(useCaseId);
    const champion = await fallback.champion(stored, championVersionId, policy);
    const rows = requestRows(req); // checked after the champion's lookup, as the error order has always been
    const options = { explain: req.explain ?? false, topContributions: req.topContributions ?? DEFAULT_TOP_CONTRIBUTIONS };
    const untrusted = untrustedInputs(stored.useCase, req.untrustedSensors ?? [], health);
    if (isModelTrigger(champion)) return { useCaseId, rows, predictions: await fallback.modelChain(stored, championVersionId, champion, untrusted.names, rows, options, policy) };
    const predictor = champion;
    const names = untrusted.names.filter((n) => predictor.reader.features.some((f) => f.name === n));
    if (names.length === 0) {
      // Nothing the champion reads is untrusted: it (or the variant the deployment gives the row's entity) answers, naming any untrusted input it ignores anyway.
      let routed, predictions;
      try {
        routed = plan === null || plan.arms.length === 0 ? null : await opts.rollout!.route(plan, rows, options, (row) => rowEntity(stored.useCase, req.entity, row), predictor, (id) => predictorOf(stored, id));
        predictions = routed?.predictions ?? predictor.predict(rows, options);
      } catch (e) {
        if (!(e instanceof ModelFailure)) throw e;
        return { useCaseId, rows, predictions: await fallback.modelChain(stored, championVersionId, e.trigger, untrusted.names, rows, options, policy) };
      }
      const named = untrusted.names.length === 0 ? predictions : predictions.map((p) => ({ ...p, untrustedSensors: [...untrusted.names] }));
      return { useCaseId, rows, championVersionId, ...(routed === null ? {} : { roles: routed.roles }), predictions: await fallback.rangeChain(stored, championVersionId, predictor, policy, rows, named) };
    }
    const record = await getModelRecord(repos, championVersionId);
    const predictions = await degradedPredictions(stored, { record, predictor }, { ...untrusted, names }, rows, options, {
      companion: (leftOut) => companionOf(stored, championVersionId, leftOut),
      fallbackRule: () => fallbackRule(useCaseId),
    });
    return { useCaseId, rows, predictions };
  }

  const now = opts.now ?? (() => new Date());
  const predictionId = createIdSource('pred');
  return {
    async predict(useCaseId, req) {
      const at = now();
      const started = performance.now();
      const plan = (await opts.rollout?.plan(useCaseId)) ?? null;
      const stored = await useCaseOf(useCaseId);
      const { rows, ...answered } = await answer(stored, req, plan);
      const response = await logPredictions(answered, { log: opts.log, useCase: stored.useCase, rows, entity: req.entity, at, latencyMs: performance.now() - started, newId: predictionId });
      if (plan !== null && answered.championVersionId !== undefined) {
        // After the log committed the answer: shadows, the champion's check on canary rows and mirrors run from the next turn on.
        const log = opts.log;
        opts.rollout!.after({ plan, rows, entity: req.entity, response, roles: answered.roles, championId: answered.championVersionId, predictorOf: (id) => predictorOf(stored, id), sink: log === undefined ? undefined : (r) => log.appendShadow(r) });
      }
      return response;
    },
    clear() {
      models.clear();
      useCases.clear();
      predictors.clear();
      companions.clear();
    },
  };
}
