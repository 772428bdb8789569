// Label routes: record spans and events on a use case's assets (one or a batch), list them, retract one (with its correction).
import { z } from 'zod';
import {
  CreateLabelRequest,
  CreateLabelsResponse,
  DeleteLabelQuery,
  ErrorResponse,
  LabelList,
  ListLabelsQuery,
  RetractLabelRequest,
  RetractLabelResponse,
  UpdateLabelRequest,
} from '@shopfloor/contracts';
import { createLabels, listLabels, retractLabel, updateLabel } from '../../label/index.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const LabelParams = UseCaseParams.extend({ labelId: z.string() });

/** How many label ids one audit entry lists; the count is always complete. */
const AUDITED_IDS = 100;

export async function labelRoutes(app: AppInstance): Promise<void> {
  app.post(
    '/api/v1/use-cases/:id/labels',
    {
      schema: {
        description: 'Records one label (`{ label: { asset, start, end?, class, note? } }`) or a batch (`{ labels: [...] }`), all or nothing; the author is the token\'s user.',
        params: UseCaseParams,
        body: CreateLabelRequest,
        response: {
          201: CreateLabelsResponse,
          ...errorResponses,
          400: ErrorResponse.describe('VALIDATION_FAILED, or LABEL_INVALID_SPAN (a span ends at or before its start); details name the field'),
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND'),
        },
      },
      config: { access: 'operator' },
    },
    async (request, reply) => {
      const labels = await app.store.transaction(async (tx) => {
        const created = await createLabels({ store: tx, clock: app.clock }, request.requireUser(), request.params.id, request.body);
        await request.audit(
          'label.create',
          `use-case:${request.params.id}`,
          { count: created.length, labelIds: created.slice(0, AUDITED_IDS).map((l) => l.id) },
          tx,
        );
        return created;
      });
      return reply.code(201).send({ labels });
    },
  );

  app.get(
    '/api/v1/use-cases/:id/labels',
    {
      schema: {
        description: 'Standing labels (retracted ones with includeRetracted=true), filtered by asset, class and the time range they touch; ordered by start.',
        params: UseCaseParams,
        querystring: ListLabelsQuery,
        response: { 200: LabelList, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => listLabels(app.store, request.params.id, request.query),
  );

  app.post(
    '/api/v1/use-cases/:id/labels/:labelId/retract',
    {
      schema: {
        description: 'Retracts a label: it stays as history but no longer feeds training or evaluation. Give `replacement` to record the correction in the same step. Operators may retract only their own labels.',
        params: LabelParams,
        body: RetractLabelRequest,
        response: {
          200: RetractLabelResponse,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND or LABEL_NOT_FOUND'),
          409: ErrorResponse.describe('LABEL_ALREADY_RETRACTED'),
        },
      },
      config: { access: 'operator' },
      // A bare `POST .../retract` means "retract, no reason given".
      preValidation: async (request) => {
        request.body ??= {} as typeof request.body;
      },
    },
    async (request) => {
      const { id, labelId } = request.params;
      return app.store.transaction(async (tx) => {
        const result = await retractLabel({ store: tx, clock: app.clock }, request.requireUser(), id, labelId, request.body);
        await request.audit(
          'label.retract',
          `label:${labelId}`,
          { useCaseId: id, reason: request.body.reason, replacementId: result.replacement?.id ?? null },
          tx,
        );
        return result;
      });
    },
  );

  const changeErrors = {
    ...errorResponses,
    400: ErrorResponse.describe('VALIDATION_FAILED, or LABEL_INVALID_SPAN (the edited span ends at or before its start: field replacement.end)'),
    403: ErrorResponse.describe('AUTH_ROLE_TOO_WEAK (operators change only labels they recorded)'),
    404: ErrorResponse.describe('USE_CASE_NOT_FOUND or LABEL_NOT_FOUND'),
    409: ErrorResponse.describe('LABEL_ALREADY_RETRACTED (an edited or deleted label is history)'),
  };

  app.patch(
    '/api/v1/use-cases/:id/labels/:labelId',
    {
      schema: {
        description: 'Edits a label: the fields given change, the rest are kept. History is kept too: the label is retracted (with `reason`, default "edited") and the edited one recorded as its replacement, with a new id. Operators may edit only their own labels.',
        params: LabelParams,
        body: UpdateLabelRequest,
        response: { 200: RetractLabelResponse, ...changeErrors },
      },
      config: { access: 'operator' },
    },
    async (request) => {
      const { id, labelId } = request.params;
      return app.store.transaction(async (tx) => {
        const result = await updateLabel({ store: tx, clock: app.clock }, request.requireUser(), id, labelId, request.body);
        await request.audit('label.update', `label:${labelId}`, { useCaseId: id, reason: request.body.reason, replacementId: result.replacement?.id ?? null }, tx);
        return result;
      });
    },
  );

  app.delete(
    '/api/v1/use-cases/:id/labels/:labelId',
    {
      schema: {
        description: 'Deletes a label from training and evaluation by retracting it (`reason`, default "deleted"): it stays in the history (includeRetracted=true). Operators may delete only their own labels.',
        params: LabelParams,
        querystring: DeleteLabelQuery,
        response: { 200: RetractLabelResponse, ...changeErrors },
      },
      config: { access: 'operator' },
    },
    async (request) => {
      const { id, labelId } = request.params;
      return app.store.transaction(async (tx) => {
        const result = await retractLabel({ store: tx, clock: app.clock }, request.requireUser(), id, labelId, { reason: request.query.reason });
        await request.audit('label.delete', `label:${labelId}`, { useCaseId: id, reason: request.query.reason }, tx);
        return result;
      });
    },
  );
}
