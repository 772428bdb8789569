// Glue between the prediction service and the fallback chains: the policy, the guarded champion, the previous champion, the two chains.
import type { InputRow, ServingPolicyFields, UnloggedPrediction } from '@shopfloor/contracts';
import { getModelRecord } from '../../registry/index.js';
import type { Repositories } from '../../store/index.js';
import type { StoredUseCase } from '../../use-cases/index.js';
import type { FallbackRule } from '../degraded-answer.js';
import type { PredictOptions, Predictor } from '../predictor.js';
import { modelChainPredictions, previousChampionId, type PreviousChampion } from './model-chain.js';
import { createModelGuard, isModelTrigger, type ModelGuardOptions, type ModelTrigger } from './model-guard.js';
import { rangeChainPredictions } from './range-chain.js';
import { createServingPolicies, type ServingPolicies } from './serving-policy.js';

export interface ChampionFallbackDeps {
  /** The service's compiled-predictor cache (loads a version on first use). */
  predictorOf(stored: StoredUseCase, modelVersionId: string): Promise<Predictor>;
  fallbackRule(useCaseId: string): Promise<FallbackRule | null>;
  policies?: ServingPolicies | undefined;
  guard?: Partial<ModelGuardOptions> | undefined;
}

export interface ChampionFallback {
  policy(useCaseId: string): Promise<ServingPolicyFields>;
  /** The champion with its calls timed (and model errors thrown as ModelFailure), or why it cannot answer this request. */
  champion(stored: StoredUseCase, championId: string, policy: ServingPolicyFields): Promise<Predictor | ModelTrigger>;
  /** Previous champion, rule, abstain: for a champion that failed, timed out or is marked slow. */
  modelChain(stored: StoredUseCase, championId: string, trigger: ModelTrigger, untrusted: readonly string[], rows: readonly InputRow[], options: PredictOptions, policy: ServingPolicyFields): Promise<UnloggedPrediction[]>;
  /** Rule, abstain: for champion answers on rows out of range (policy outOfRange = fallback) or of low confidence. */
  rangeChain(stored: StoredUseCase, championId: string, champion: Predictor, policy: ServingPolicyFields, rows: readonly InputRow[], answers: UnloggedPrediction[]): Promise<UnloggedPrediction[]>;
}

export function createChampionFallback(repos: Repositories, deps: ChampionFallbackDeps): ChampionFallback {
  const policies = deps.policies ?? createServingPolicies(repos);
  const guard = createModelGuard(deps.guard);

  async function champion(stored: StoredUseCase, id: string, policy: ServingPolicyFields): Promise<Predictor | ModelTrigger> {
    const loaded = await guard.load(id, () => deps.predictorOf(stored, id));
    return isModelTrigger(loaded) ? loaded : guard.guard(id, loaded, policy.modelTimeoutMs);
  }

  async function previous(stored: StoredUseCase, championId: string, policy: ServingPolicyFields): Promise<PreviousChampion> {
    const id = previousChampionId(await repos.aliasEvents.listForUseCase(stored.useCase.id, 'champion'), championId);
    if (id === null) return null;
    const record = await getModelRecord(repos, id);
    const loaded = await champion(stored, id, policy);
    return isModelTrigger(loaded) ? { record, trigger: loaded } : { record, predictor: loaded };
  }

  return {
    policy: (useCaseId) => policies.get(useCaseId),
    champion,
    async modelChain(stored, championId, trigger, untrusted, rows, options, policy) {
      return modelChainPredictions(stored.useCase, await getModelRecord(repos, championId), trigger, untrusted, rows, options, {
        previous: () => previous(stored, championId, policy),
        fallbackRule: () => deps.fallbackRule(stored.useCase.id),
      });
    },
    rangeChain(stored, championId, predictor, policy, rows, answers) {
      return rangeChainPredictions(rows, answers, {
        costs: stored.useCase.costs,
        championId,
        features: predictor.reader.features,
        decisionRule: predictor.decisionRule,
        policy,
        championRecord: () => getModelRecord(repos, championId),
        fallbackRule: () => deps.fallbackRule(stored.useCase.id),
      });
    },
  };
}
