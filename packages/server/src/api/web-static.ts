// Serves the built web UI at / (when configured) and answers every other unknown path with ROUTE_NOT_FOUND.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { ShopfloorError } from '@shopfloor/contracts';
import { errorBody } from './error-handler.js';
import type { AppInstance } from './types.js';

/** Client-side routes (/use-cases/pump-7) get index.html; API paths and missing assets (/x.js) stay 404s. */
function isSpaPath(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (path === '/api' || path.startsWith('/api/') || path === '/metrics' || path === '/healthz') return false;
  const last = path.split('/').pop() ?? '';
  return !last.includes('.');
}

export async function installWebAndNotFound(app: AppInstance, webDist: string | undefined): Promise<void> {
  if (webDist !== undefined) {
    if (!existsSync(join(webDist, 'index.html'))) {
      throw new ShopfloorError('CONFIG_INVALID', `Web UI directory ${webDist} has no index.html (build @shopfloor/web first)`, {
        variable: 'SHOPFLOOR_WEB_DIST',
        value: webDist,
      });
    }
    await app.register(fastifyStatic, { root: webDist, prefix: '/', index: 'index.html' });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (webDist !== undefined && isSpaPath(request.method, path)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    const error = new ShopfloorError('ROUTE_NOT_FOUND', `No route answers ${request.method} ${path}`, {
      method: request.method,
      path,
    });
    return reply.code(error.status).send(errorBody(error));
  });
}
