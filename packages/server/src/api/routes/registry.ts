// Registry routes beyond the version list: aliases and their history, model cards, known limits, metric history.
import { z } from 'zod';
import {
  AliasChange,
  AliasesResponse,
  ErrorResponse,
  KnownLimits,
  KnownLimitsRequest,
  MetricsHistory,
  ModelCard,
  MoveAliasRequest,
  RemoveAliasQuery,
} from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const AliasParams = UseCaseParams.extend({ alias: z.string().describe('champion, challenger or shadow') });
const ModelParams = UseCaseParams.extend({ ref: z.string().describe('A version number (3 or v3), an alias or a model version id (mv_...)') });

const refErrors = {
  400: ErrorResponse.describe('VALIDATION_FAILED or MODEL_REF_INVALID; details name the field'),
  404: ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND or MODEL_ALIAS_NOT_SET'),
};

export async function registryRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.get(
    '/api/v1/use-cases/:id/aliases',
    {
      schema: {
        description: 'The aliases standing now (champion, challenger, shadow) and every move or removal, newest first.',
        params: UseCaseParams,
        response: { 200: AliasesResponse, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.registry.aliases(request.params.id),
  );

  app.put(
    '/api/v1/use-cases/:id/aliases/:alias',
    {
      schema: {
        description: 'Points an alias at a version (number, alias or id). Moving the champion needs a `reason`. Kept in the alias history and the audit log; `changed: false` when it already pointed there.',
        params: AliasParams,
        body: MoveAliasRequest,
        response: {
          200: AliasChange,
          ...errorResponses,
          400: ErrorResponse.describe('VALIDATION_FAILED, MODEL_ALIAS_UNKNOWN, MODEL_ALIAS_REASON_REQUIRED or MODEL_REF_INVALID; details name the field'),
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND or MODEL_ALIAS_NOT_SET'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const change = await shopfloor.registry.moveAlias(request.requireUser(), request.params.id, request.params.alias, request.body);
      request.audited = true; // the move wrote its event and audit entry in its own transaction
      return change;
    },
  );

  app.delete(
    '/api/v1/use-cases/:id/aliases/:alias',
    {
      schema: {
        description: 'Removes the challenger or shadow alias (kept in the history; `reason` in the query). The champion only moves.',
        params: AliasParams,
        querystring: RemoveAliasQuery,
        response: {
          200: AliasChange,
          ...errorResponses,
          400: ErrorResponse.describe('MODEL_ALIAS_UNKNOWN or MODEL_CHAMPION_NOT_REMOVABLE'),
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND or MODEL_ALIAS_NOT_SET'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const change = await shopfloor.registry.removeAlias(request.requireUser(), request.params.id, request.params.alias, request.query);
      request.audited = true;
      return change;
    },
  );

  app.get(
    '/api/v1/use-cases/:id/models/:ref/card',
    {
      schema: {
        description: 'The model card: intended use, lineage, data window, metrics, sensor robustness and known limits.',
        params: ModelParams,
        response: { 200: ModelCard, ...errorResponses, ...refErrors },
      },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.registry.modelCard(request.params.id, request.params.ref),
  );

  app.put(
    '/api/v1/use-cases/:id/models/:ref/known-limits',
    {
      schema: {
        description: "Replaces the version's known-limits text (who and when are kept; earlier texts are in the audit log). The version itself never changes.",
        params: ModelParams,
        body: KnownLimitsRequest,
        response: { 200: KnownLimits, ...errorResponses, ...refErrors },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const limits = await shopfloor.registry.setKnownLimits(request.requireUser(), request.params.id, request.params.ref, request.body);
      request.audited = true;
      return limits;
    },
  );

  app.get(
    '/api/v1/use-cases/:id/metrics-history',
    {
      schema: {
        description: 'Every version of the use case, oldest first, with its held-out metrics, dataset version, code version and aliases.',
        params: UseCaseParams,
        response: { 200: MetricsHistory, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.registry.metricsHistory(request.params.id),
  );
}
