// The one error handler: every failure answers { error: { code, message, details } } with the catalogue's status.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, isShopfloorError, ShopfloorError, type ErrorCode } from '@shopfloor/contracts';
import type { AppInstance } from './types.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export function errorBody(e: ShopfloorError): ErrorBody {
  return { error: { code: e.code, message: e.message, details: e.details } };
}

function hasValidation(e: unknown): e is FastifyError & { validation: Array<{ instancePath?: string; message?: string }> } {
  return typeof e === 'object' && e !== null && Array.isArray((e as { validation?: unknown }).validation);
}

/** Framework errors (bad JSON, body too large, schema failures from non-zod routes) mapped onto the catalogue. */
function fromFrameworkError(e: FastifyError): ShopfloorError | null {
  if (hasValidation(e)) {
    const part = (e as { validationContext?: string }).validationContext ?? 'body';
    const issues = e.validation.map((v) => ({
      path: (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.'),
      message: v.message ?? 'invalid',
      code: 'invalid',
    }));
    return new ShopfloorError('VALIDATION_FAILED', `${part}: ${e.message}`, { in: part, issues });
  }
  const status = e.statusCode ?? 500;
  if (status === 413) return new ShopfloorError('PAYLOAD_TOO_LARGE', e.message, { limitCode: e.code });
  if (status === 415) return new ShopfloorError('UNSUPPORTED_MEDIA_TYPE', e.message, {});
  if (status === 404) return new ShopfloorError('ROUTE_NOT_FOUND', e.message, { frameworkCode: e.code });
  if (status >= 400 && status < 500) return new ShopfloorError('REQUEST_MALFORMED', e.message, { frameworkCode: e.code });
  return null;
}

export function installErrorHandler(app: AppInstance): void {
  app.setErrorHandler(async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    let known: ShopfloorError | null = isShopfloorError(error) ? error : null;
    if (known === null && typeof error === 'object' && error !== null && 'statusCode' in error) {
      known = fromFrameworkError(error as FastifyError);
    }
    if (known !== null && known.status < 500) {
      request.log.info({ code: known.code, details: known.details }, known.message);
      return reply.code(known.status).send(errorBody(known));
    }
    // 5xx: the full error (stack, cause) goes to the log; the caller gets the code and a request id only,
    // except for catalogued server errors (e.g. a corrupt artifact) whose message is meant for people.
    request.log.error({ err: error }, 'request failed');
    if (known !== null) {
      return reply.code(known.status).send(errorBody(known));
    }
    const internal = new ShopfloorError('INTERNAL_ERROR', `Internal error; see the server log for request ${request.id}`, {
      requestId: request.id,
    });
    return reply.code(ERROR_CATALOGUE.INTERNAL_ERROR.status).send(errorBody(internal));
  });
}
