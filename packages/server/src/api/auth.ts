// Route access: every /api route declares `config.access` (a role or 'public'); tokens are checked before the body is read.
import type { FastifyRequest } from 'fastify';
import { ShopfloorError, type User } from '@shopfloor/contracts';
import { createTokenCache, requireRole } from '../access/index.js';
import type { AppInstance } from './types.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Paths that must declare who may call them; a route without `config.access` fails at startup. */
function needsDeclaredAccess(url: string): boolean {
  return url.startsWith('/api/');
}

export function installAuth(app: AppInstance): void {
  app.decorateRequest('user', null);
  app.decorateRequest('requireUser', function (this: FastifyRequest): User {
    if (this.user === null) {
      throw new ShopfloorError('AUTH_TOKEN_MISSING', 'This route needs an authenticated user', {});
    }
    return this.user;
  });

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined) {
      if (needsDeclaredAccess(route.url)) {
        throw new Error(`Route ${String(route.method)} ${route.url} must declare config.access (a role or 'public')`);
      }
      return;
    }
    if (access !== 'public' && route.schema !== undefined) {
      // Shown in the OpenAPI document; jsonSchemaTransform passes unknown schema keys through.
      (route.schema as Record<string, unknown>)['security'] = [{ bearerAuth: [] }];
    }
  });

  // A revoked token keeps working here for at most DEFAULT_TOKEN_TTL_MS (1 s): see createTokenCache.
  const tokens = createTokenCache({ store: app.store, clock: app.clock });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === '') {
      throw new ShopfloorError('AUTH_TOKEN_MISSING', 'Send the API token as `Authorization: Bearer <token>`', {});
    }
    const token = BEARER.exec(header)?.[1];
    const user = token === undefined ? null : await tokens.authenticate(token);
    if (user === null) {
      throw new ShopfloorError('AUTH_TOKEN_INVALID', 'The API token is malformed, unknown or revoked', {});
    }
    requireRole(user, access);
    request.user = user;
  });
}
