// Dataset routes: POST the raw CSV/Parquet file to import a version; list versions; get one.
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DatasetVersion, ErrorResponse, ImportDatasetQuery, ShopfloorError } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';

/** Body types the import accepts, read as raw bytes (this route only; the rest of the API speaks JSON). */
const FILE_TYPES = ['text/csv', 'application/octet-stream', 'application/vnd.apache.parquet'];

/** The uploaded file: raw bytes, or text (text/plain); a JSON body is not a file. */
function fileBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === null || body === undefined) return Buffer.alloc(0);
  throw new ShopfloorError('UNSUPPORTED_MEDIA_TYPE', `Send the file itself as the body, with content type ${FILE_TYPES.join(', ')} or text/plain`, {
    accepted: [...FILE_TYPES, 'text/plain'],
  });
}

export async function datasetRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: app.config.bodyLimitBytes }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/datasets',
      {
        schema: {
          description: `Import a file: send its bytes as the body (content type ${FILE_TYPES.join(', ')} or text/plain). Answers 201 for a new version, 200 when the same file and options were imported before.`,
          querystring: ImportDatasetQuery,
          response: {
            201: DatasetVersion,
            200: DatasetVersion,
            ...errorResponses,
            413: ErrorResponse.describe('PAYLOAD_TOO_LARGE'),
            415: ErrorResponse.describe('UNSUPPORTED_MEDIA_TYPE or DATASET_FORMAT_UNSUPPORTED'),
            422: ErrorResponse.describe('DATASET_CELL_INVALID, DATASET_TIMESTAMP_INVALID, DATASET_SCHEMA_OVERRIDE_INVALID'),
          },
        },
        config: { access: 'engineer' },
      },
      async (request, reply) => {
        const bytes = fileBytes(request.body);
        const contentType = request.headers['content-type'] ?? '';
        const query = request.query.format === undefined && contentType.startsWith('application/vnd.apache.parquet') ? { ...request.query, format: 'parquet' as const } : request.query;
        const { version, created } = await shopfloor.importDataset(request.requireUser(), bytes, query);
        request.audited = true; // the import wrote its audit entry in its own transaction
        return reply.code(created ? 201 : 200).send(version);
      },
    );
  });

  app.get(
    '/api/v1/datasets',
    { schema: { response: { 200: z.array(DatasetVersion), ...errorResponses } }, config: { access: 'viewer' } },
    async () => shopfloor.listDatasets(),
  );

  app.get(
    '/api/v1/dataset-versions/:id',
    {
      schema: { params: z.object({ id: z.string() }), response: { 200: DatasetVersion, ...errorResponses, 404: ErrorResponse.describe('DATASET_NOT_FOUND') } },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.getDatasetVersion(request.params.id),
  );
}
