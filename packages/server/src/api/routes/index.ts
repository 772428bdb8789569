// Every HTTP route of the app is registered here, in one place.
//
// Pattern for a new route file (keep it thin: access, schema, one call into the stage, present):
//
//   // api/routes/use-cases.ts
//   export async function useCaseRoutes(app: AppInstance): Promise<void> {
//     app.post('/api/v1/use-cases', {
//       schema: { body: CreateUseCaseRequest, response: { 201: UseCase, ...errorResponses } },
//       config: { access: 'engineer' },            // required on /api routes: a role or 'public'
//     }, async (request, reply) => {
//       const useCase = await createUseCase({ store: app.store, clock: app.clock }, request.body, request.requireUser());
//       await request.audit('use-case.create', `use-case:${useCase.id}`, { name: useCase.name });
//       return reply.code(201).send(useCase);
//     });
//   }
//
// then add `await useCaseRoutes(app);` below. Deps come from the instance (app.store, app.clock,
// app.config). Bodies, params and queries are zod schemas from @shopfloor/contracts: a bad request never
// reaches the handler (400 VALIDATION_FAILED naming the field), and the OpenAPI document is generated
// from them. Errors are thrown as ShopfloorError with a catalogue code. Mutating routes are audited:
// call request.audit(...) (pass the transaction's repositories to keep it atomic); one that changes
// nothing (predict) sets `config: { audit: false }`.
import { createShopfloor, type Shopfloor } from '../../shopfloor.js';
import type { Registry } from 'prom-client';
import type { AppInstance } from '../types.js';
import { deploymentRoutes } from './deployments.js';
import { compareRoutes } from './compare.js';
import { companionRoutes } from './companions.js';
import { datasetRoutes } from './datasets.js';
import { evaluationSetRoutes } from './evaluation-sets.js';
import { labelRoutes } from './labels.js';
import { meRoutes } from './me.js';
import { modelRoutes } from './models.js';
import { modelEvaluationRoutes } from './model-evaluation.js';
import { modelTestRoutes } from './model-tests.js';
import { predictRoutes } from './predict.js';
import { predictionRoutes } from './predictions.js';
import { registryRoutes } from './registry.js';
import { robustnessRoutes } from './robustness.js';
import { systemRoutes } from './system.js';
import { tokenRoutes } from './tokens.js';
import { useCaseRoutes } from './use-cases.js';
import { userRoutes } from './users.js';
import { sensorRoutes } from './sensors.js';
import { trustRoutes } from './trust.js';
import { fallbackRuleRoutes } from './fallback-rules.js';
import { servingPolicyRoutes } from './serving-policy.js';
import { monitorRoutes } from './monitor.js';
import { streamingRoutes } from './streaming.js';

/** Answers the loop's facade the routes share (startServer hands it to the MQTT ingest). */
export async function registerRoutes(app: AppInstance, metrics?: Registry): Promise<Shopfloor> {
  await systemRoutes(app);
  await meRoutes(app);
  await userRoutes(app);
  await tokenRoutes(app);
  // The loop's routes share one facade, so loaded models are cached once per app (never per module).
  const shopfloor = createShopfloor({ store: app.store, config: app.config, clock: app.clock });
  app.addHook('onClose', async () => shopfloor.close());
  await datasetRoutes(app, shopfloor);
  await useCaseRoutes(app, shopfloor);
  await modelRoutes(app, shopfloor);
  await registryRoutes(app, shopfloor);
  await predictRoutes(app, shopfloor);
  await predictionRoutes(app, shopfloor, metrics);
  await deploymentRoutes(app, shopfloor, metrics);
  await monitorRoutes(app, shopfloor, metrics);
  await compareRoutes(app, shopfloor);
  await robustnessRoutes(app, shopfloor);
  await modelEvaluationRoutes(app, shopfloor);
  await companionRoutes(app, shopfloor);
  await labelRoutes(app);
  await evaluationSetRoutes(app);
  await modelTestRoutes(app);
  await sensorRoutes(app, shopfloor);
  await trustRoutes(app);
  await fallbackRuleRoutes(app);
  await servingPolicyRoutes(app, shopfloor);
  await streamingRoutes(app, shopfloor, metrics);
  return shopfloor;
}
