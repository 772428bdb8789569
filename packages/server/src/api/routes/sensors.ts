// Sensor and readings routes: register specs, list them, post readings as JSON or import a long/wide CSV (per-row rejections).
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ErrorResponse,
  ImportReadingsQuery,
  MAX_READINGS_PER_REQUEST,
  PostReadingsRequest,
  ReadingsResult,
  RegisterSensorsRequest,
  RegisterSensorsResponse,
  SensorList,
  ShopfloorError,
} from '@shopfloor/contracts';
import { createSensorsFacade } from '../../shopfloor-sensors.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';

const CSV_TYPES = ['text/csv', 'application/octet-stream'];

function csvBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === null || body === undefined) return Buffer.alloc(0);
  throw new ShopfloorError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file itself as the body, with content type text/csv or text/plain', { accepted: [...CSV_TYPES, 'text/plain'] });
}

const readingsErrors = {
  ...errorResponses,
  422: ErrorResponse.describe('READINGS_ALL_REJECTED: every row was refused; details.rejected lists them (row, sensor, code, message)'),
};

export async function sensorRoutes(app: AppInstance): Promise<void> {
  const sensors = createSensorsFacade({ store: app.store, clock: app.clock, config: app.config });

  app.post(
    '/api/v1/sensors',
    {
      schema: {
        description: 'Registers sensors, or new specs for registered ones (a changed spec becomes a new version; every version is kept). All or nothing.',
        body: RegisterSensorsRequest,
        response: { 200: RegisterSensorsResponse, ...errorResponses },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const result = await sensors.registerSensors(request.requireUser(), request.body);
      request.audited = true; // registerSensors wrote its audit entry in its transaction
      return result;
    },
  );

  app.get(
    '/api/v1/sensors',
    { schema: { description: 'Every registered sensor with its current spec, ordered by id.', response: { 200: SensorList, ...errorResponses } }, config: { access: 'viewer' } },
    async () => ({ sensors: await sensors.listSensors() }),
  );

  app.post(
    '/api/v1/readings',
    {
      schema: {
        description: `Stores up to ${MAX_READINGS_PER_REQUEST} readings ({ sensor, time, value }). Bad rows (unknown sensor, bad time or value, duplicate or out-of-order time per sensor) are listed in \`rejected\` by index and the good ones kept; 422 only when every row is refused.`,
        body: PostReadingsRequest,
        response: { 200: ReadingsResult, ...readingsErrors },
      },
      config: { access: 'operator' },
    },
    async (request) => {
      const result = await sensors.postReadings(request.requireUser(), request.body);
      request.audited = true;
      return result;
    },
  );

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer', bodyLimit: app.config.bodyLimitBytes }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/readings/import',
      {
        schema: {
          description: 'Imports a readings CSV sent as the body: long (time,sensor,value) or wide (time,<sensor>,...; an empty cell is no reading). Rejections name the file line; 422 only when every reading is refused.',
          querystring: ImportReadingsQuery,
          response: { 200: ReadingsResult, ...readingsErrors, 413: ErrorResponse.describe('PAYLOAD_TOO_LARGE'), 415: ErrorResponse.describe('UNSUPPORTED_MEDIA_TYPE') },
        },
        config: { access: 'operator' },
      },
      async (request) => {
        const result = await sensors.importReadings(request.requireUser(), csvBytes(request.body), request.query);
        request.audited = true;
        return result;
      },
    );
  });
}
