// Scoring readings as they arrive: the per-use-case setting (enabled, interval, staleness limit, sensor map, constants).
import { z } from 'zod';

const InputValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const PutStreamingScoringRequest = z.object({
  enabled: z.boolean().describe('Score rows assembled from arriving readings (POST /api/v1/readings, MQTT ingest)'),
  intervalMs: z.number().int().min(0).max(86_400_000).default(60_000).describe('At most one prediction per entity (asset) per this much reading time; 0 scores every completed or updated row'),
  maxAgeMs: z.number().int().min(1).max(86_400_000).default(60_000).describe("Staleness limit: a row is scored only when every input's latest reading is at most this much older than the row's newest reading"),
  sensors: z
    .record(z.string().min(1).max(200), z.string().min(1))
    .default({})
    .describe("Sensor id -> input name, for sensors whose id is neither the input's sensorId nor `<asset>.<sensorId>` (e.g. {\"mill-1.torque\": \"Torque [Nm]\"}); the sensor's asset is the entity"),
  constants: z.record(z.string().min(1), InputValue).default({}).describe('Input name -> value for inputs no sensor feeds (a product type, a set point)'),
});
export type PutStreamingScoringRequest = z.infer<typeof PutStreamingScoringRequest>;

export const StreamingScoring = PutStreamingScoringRequest.extend({
  useCaseId: z.string(),
  updatedAt: z.string().nullable().describe('Null when never set (the defaults, disabled)'),
  updatedBy: z.string().nullable(),
});
export type StreamingScoring = z.infer<typeof StreamingScoring>;
