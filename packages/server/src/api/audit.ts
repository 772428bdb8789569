// Audit trail for HTTP: handlers record what they changed; any mutating route that did not is recorded generically.
import type { FastifyRequest } from 'fastify';
import { newId, type Repositories } from '../store/index.js';
import type { AppInstance } from './types.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installAudit(app: AppInstance): void {
  app.decorateRequest('audited', false);
  app.decorateRequest(
    'audit',
    async function (
      this: FastifyRequest,
      action: string,
      subject: string,
      details: Record<string, unknown> = {},
      repos?: Repositories,
    ): Promise<void> {
      await (repos ?? app.store).audit.append({
        id: newId('aud'),
        at: app.clock.now().toISOString(),
        userId: this.user?.id ?? null,
        action,
        subject,
        details,
      });
      this.audited = true;
    },
  );

  // Safety net: a successful mutating call the handler did not audit still leaves who, what and where.
  // Written before the answer is sent (onSend, not onResponse), so a caller that saw success finds the entry.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!MUTATING.has(request.method) || reply.statusCode >= 400 || request.audited) return payload;
    if (request.routeOptions.config.audit === false || request.routeOptions.url === undefined) return payload;
    try {
      await request.audit(`${request.method} ${request.routeOptions.url}`, request.url.split('?')[0] ?? request.url, {
        status: reply.statusCode,
        params: request.params,
      });
    } catch (err) {
      request.log.error({ err }, 'could not write the audit entry');
    }
    return payload;
  });
}
