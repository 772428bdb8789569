// The OpenAPI document, generated from the routes' zod schemas and served at GET /api/openapi.json.
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { AppInstance } from './types.js';

/** Registers the generator; must run before any route so that every route is collected. */
export async function installOpenApi(app: AppInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shopfloor API',
        description: 'Import plant data, define use cases, train, evaluate, register and serve predictions.',
        version,
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token, `sf_...`' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
}
