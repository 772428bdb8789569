// createApp: the Fastify app built from injected store, clock and config; it never listens by itself.
import Fastify from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import type { Registry } from 'prom-client';
import type { Shopfloor } from '../shopfloor.js';
import { installAudit } from './audit.js';
import { installAuth } from './auth.js';
import { installErrorHandler } from './error-handler.js';
import { installMetrics } from './metrics.js';
import { installOpenApi } from './openapi.js';
import { registerRoutes } from './routes/index.js';
import type { AppDeps, AppInstance } from './types.js';
import { zodValidatorCompiler } from './validation.js';
import { serverVersion } from './version.js';
import { installWebAndNotFound } from './web-static.js';

export interface App {
  app: AppInstance;
  /** This app's Prometheus registry (also served at GET /metrics). */
  metrics: Registry;
  /** The loop's facade the routes share (closed with the app). */
  shopfloor: Shopfloor;
}

/**
 * Builds the app for `app.inject()` or `app.listen()` (both call `ready()`). The caller owns the store
 * and closes it after `app.close()`.
 */
export async function createApp(deps: AppDeps): Promise<AppInstance> {
  return (await createAppWithMetrics(deps)).app;
}

export async function createAppWithMetrics(deps: AppDeps): Promise<App> {
  const logger = deps.logger ?? pino({ level: deps.config.logLevel });
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: deps.config.bodyLimitBytes,
  }).withTypeProvider<ZodTypeProvider>() as AppInstance;

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('store', deps.store);
  app.decorate('clock', deps.clock);
  app.decorate('config', deps.config);

  // Order matters: error handler and route hooks first, then the OpenAPI collector, then routes.
  installErrorHandler(app);
  installAuth(app);
  installAudit(app);
  await installOpenApi(app, serverVersion());
  const metrics = installMetrics(app);
  const shopfloor = await registerRoutes(app, metrics);
  await installWebAndNotFound(app, deps.config.webDist);
  return { app, metrics, shopfloor };
}
