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
  SensorTraceQuery,
  ShopfloorError,
  TRACE_CONTENT_TYPE,
} from '@shopfloor/contracts';
import { z } from 'zod';
import type { Shopfloor } from '../../shopfloor.js';
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

export async function sensorRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  // Posted and imported readings feed live trust, which turns sensors untrusted on the board serving reads;
  // the app's one facade, so readings arriving over MQTT feed the same monitors.
  const sensors = shopfloor.sensors;
  // Live trust's clock ticks (silent sensors turn untrusted) run while the app does: started when it is ready, stopped when it closes.
  let stopTicks: (() => void) | undefined;
  app.addHook('onReady', async () => {
    stopTicks = sensors.startLiveTrustTicks();
  });
  app.addHook('onClose', async () => stopTicks?.());

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

  app.get(
    '/api/v1/sensors/:id/trace',
    {
      schema: {
        description: [
          `One sensor's readings over a window as min/max per pixel column, aggregated by the server, in a compact binary body (${TRACE_CONTENT_TYPE}, little-endian; n = buckets holding readings):`,
          'bytes 0-3 uint32 magic 0x31544653 ("SFT1"); 4-7 uint32 n; 8-15 float64 from; 16-23 float64 to (epoch ms UTC, both inclusive);',
          '24-31 float64 bucketMs = (to - from + 1) / width; 32-39 float64 readings in the window; 40-43 uint32 trailer length t; 44-47 zero;',
          'then float64[n] bucket starts (ascending; an empty bucket is left out, so a dropout is a gap), float32[n] min, float32[n] max, uint32[n] readings per bucket,',
          'then t bytes of UTF-8 JSON { sensor, unit, findings: { checked, health, spans: [{ code, severity, from, to, message }], notes } | null } (findings: the trust checks over the window, baselines on its first referenceFraction).',
          'Decode with decodeTrace from @shopfloor/contracts.',
        ].join(' '),
        params: z.object({ id: z.string().min(1).describe('The sensor id (URL-encoded)') }),
        querystring: SensorTraceQuery,
        response: {
          200: z.any().describe(`${TRACE_CONTENT_TYPE}: the binary trace described above`),
          ...errorResponses,
          404: ErrorResponse.describe('SENSOR_NOT_FOUND'),
          422: ErrorResponse.describe('TRUST_REPORT_INVALID (the findings could not be computed)'),
        },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      const bytes = await sensors.sensorTrace(request.params.id, request.query);
      return reply.type(TRACE_CONTENT_TYPE).header('cache-control', 'no-store').send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
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
