// Comparing versions on the frozen sets, and the gate CI calls: POST compare (changes nothing), POST gate (stores a record), GET gates.
import { z } from 'zod';
import { CompareRequest, Comparison, ErrorResponse, GateRecord, GateRequest } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const GateParams = UseCaseParams.extend({ gateId: z.string() });
const GateListQuery = z.object({ candidate: z.string().optional().describe('Only the records of this candidate (version number, alias or id)') });
const refErrors = {
  400: ErrorResponse.describe('VALIDATION_FAILED or MODEL_REF_INVALID naming the field'),
  404: ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND or MODEL_ALIAS_NOT_SET'),
  422: ErrorResponse.describe('COMPARE_INVALID naming the field'),
};

export async function compareRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.post(
    '/api/v1/use-cases/:id/compare',
    {
      schema: { params: UseCaseParams, body: CompareRequest, response: { 200: Comparison, ...errorResponses, ...refErrors } },
      config: { access: 'viewer', audit: false },
    },
    async (request) => shopfloor.evaluate.compare(request.params.id, request.body),
  );

  app.post(
    '/api/v1/use-cases/:id/gate',
    {
      schema: { params: UseCaseParams, body: GateRequest, response: { 201: GateRecord, ...errorResponses, ...refErrors } },
      config: { access: 'engineer' },
    },
    async (request, reply) => {
      const record = await shopfloor.evaluate.gate(request.requireUser(), request.params.id, request.body);
      await request.audit('gate.run', `use-case:${record.useCaseId}`, { gate: record.id, candidate: record.candidate.id, passed: record.passed });
      return reply.code(201).send(record);
    },
  );

  app.get(
    '/api/v1/use-cases/:id/gates',
    {
      schema: { params: UseCaseParams, querystring: GateListQuery, response: { 200: z.array(GateRecord), ...errorResponses, 404: refErrors[404] } },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.evaluate.listGates(request.params.id, request.query.candidate),
  );

  app.get(
    '/api/v1/use-cases/:id/gates/:gateId',
    {
      schema: { params: GateParams, response: { 200: GateRecord, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND or GATE_NOT_FOUND') } },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.evaluate.getGate(request.params.id, request.params.gateId),
  );
}
