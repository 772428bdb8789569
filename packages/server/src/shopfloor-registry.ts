// The facade's registry part: aliases with their history, model cards, known limits and metric history, for the CLI and the routes.
import {
  KnownLimitsRequest,
  MoveAliasRequest,
  RemoveAliasQuery,
  validationError,
  type AliasChange,
  type AliasesResponse,
  type KnownLimits,
  type MetricsHistory,
  type ModelCard,
  type User,
} from '@shopfloor/contracts';
import type { z } from 'zod';
import type { Clock } from './clock.js';
import { listAliases, metricsHistory, modelCard, moveAlias, removeAlias, setKnownLimits } from './registry/index.js';
import type { Store } from './store/index.js';
import { getUseCase, loadUseCase } from './use-cases/index.js';

/** Every method answers USE_CASE_NOT_FOUND for an unknown use case first. */
export interface RegistryFacade {
  /** The aliases standing now and every move, newest first. */
  aliases(useCaseId: string): Promise<AliasesResponse>;
  /** MODEL_ALIAS_UNKNOWN, MODEL_ALIAS_REASON_REQUIRED (champion), MODEL_NOT_FOUND, MODEL_ALIAS_NOT_SET, MODEL_REF_INVALID, AUTH_ROLE_TOO_WEAK. */
  moveAlias(actor: User, useCaseId: string, alias: string, req: MoveAliasRequest): Promise<AliasChange>;
  /** Challenger or shadow only: MODEL_CHAMPION_NOT_REMOVABLE, MODEL_ALIAS_NOT_SET, AUTH_ROLE_TOO_WEAK. */
  removeAlias(actor: User, useCaseId: string, alias: string, query?: z.input<typeof RemoveAliasQuery>): Promise<AliasChange>;
  /** `ref`: a version number, an alias or an id. */
  modelCard(useCaseId: string, ref: string): Promise<ModelCard>;
  setKnownLimits(actor: User, useCaseId: string, ref: string, req: z.input<typeof KnownLimitsRequest>): Promise<KnownLimits>;
  /** Oldest first. */
  metricsHistory(useCaseId: string): Promise<MetricsHistory>;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error.issues);
  return result.data;
}

/** `onAliasMoved`: told after an alias of the use case moved (serving forgets the champion it holds). */
export function createRegistryFacade(deps: { store: Store; clock: Clock; onAliasMoved?: (useCaseId: string) => void }): RegistryFacade {
  const { store } = deps;
  return {
    async aliases(useCaseId) {
      await loadUseCase(store, useCaseId);
      return listAliases(store, useCaseId);
    },
    async moveAlias(actor, useCaseId, alias, req) {
      await loadUseCase(store, useCaseId);
      const change = await moveAlias(deps, actor, useCaseId, alias, parse(MoveAliasRequest, req, 'body'));
      if (change.changed) deps.onAliasMoved?.(useCaseId);
      return change;
    },
    async removeAlias(actor, useCaseId, alias, query = {}) {
      await loadUseCase(store, useCaseId);
      return removeAlias(deps, actor, useCaseId, alias, parse(RemoveAliasQuery, query, 'querystring').reason);
    },
    async modelCard(useCaseId, ref) {
      return modelCard(store, await getUseCase(store, useCaseId), ref);
    },
    async setKnownLimits(actor, useCaseId, ref, req) {
      await loadUseCase(store, useCaseId);
      return setKnownLimits(deps, actor, useCaseId, ref, parse(KnownLimitsRequest, req, 'body').text);
    },
    async metricsHistory(useCaseId) {
      await loadUseCase(store, useCaseId);
      return metricsHistory(store, useCaseId);
    },
  };
}
