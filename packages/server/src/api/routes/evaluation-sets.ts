// Evaluation-set routes: append to (or create) an edge-case set, list sets, read one version's rows, read the pinned benchmark set.
import { z } from 'zod';
import {
  AppendEvaluationSetRequest,
  AppendEvaluationSetResponse,
  ErrorResponse,
  EvaluationSetContent,
  EvaluationSetName,
  EvaluationSetQuery,
  EvaluationSetSummary,
} from '@shopfloor/contracts';
import { appendEvaluationSet, listEvaluationSets, loadBenchmarkSet, loadEvaluationSet } from '../../compare/index.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const SetParams = UseCaseParams.extend({ name: EvaluationSetName.describe('An edge-case set, or "benchmark"') });

export async function evaluationSetRoutes(app: AppInstance): Promise<void> {
  app.post(
    '/api/v1/use-cases/:id/evaluation-sets',
    {
      schema: {
        description:
          'Creates an edge-case set (version 1) or appends a new version to it: the previous rows plus the new ones. Sources: operator rows (values by column), row numbers of a dataset version, a slice of the benchmark rows, or a sensor-health state of them. Rows the set holds already are skipped; when nothing is new, no version is made (200, created false).',
        params: UseCaseParams,
        body: AppendEvaluationSetRequest,
        response: {
          201: AppendEvaluationSetResponse,
          200: AppendEvaluationSetResponse,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND or DATASET_NOT_FOUND'),
          422: ErrorResponse.describe('EVALUATION_SET_INVALID; details name the row and column'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request, reply) => {
      const result = await appendEvaluationSet({ store: app.store, clock: app.clock }, request.requireUser(), request.params.id, request.body);
      request.audited = true; // appended with the version, in one transaction (nothing to audit when nothing was new)
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/v1/use-cases/:id/evaluation-sets',
    {
      schema: {
        description: 'Every edge-case set of the use case, by name, with its versions (the benchmark set is at .../benchmark-set).',
        params: UseCaseParams,
        response: { 200: z.array(EvaluationSetSummary), ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => listEvaluationSets(app.store, request.params.id),
  );

  app.get(
    '/api/v1/use-cases/:id/evaluation-sets/:name',
    {
      schema: {
        description: 'The rows of one version (default the newest) of a set, keyed by the dataset\'s columns, with its content hash. "benchmark" names the pinned benchmark set.',
        params: SetParams,
        querystring: EvaluationSetQuery,
        response: { 200: EvaluationSetContent, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND or EVALUATION_SET_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => loadEvaluationSet(app.store, request.params.id, { name: request.params.name, version: request.query.version }),
  );

  app.get(
    '/api/v1/use-cases/:id/benchmark-set',
    {
      schema: {
        description: 'The pinned benchmark set: the use case\'s dataset version and the rows whose keys were frozen when it was created (version 1, never changes).',
        params: UseCaseParams,
        response: { 200: EvaluationSetContent, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => loadBenchmarkSet(app.store, request.params.id),
  );
}
