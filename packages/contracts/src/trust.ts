// Stored sensors, readings ingest (per-row rejections) and the trust report, as the API, CLI and UI see them.
import { z } from 'zod';
import { SensorHealth, SensorSpec, TrustIssue } from './sensors.js';

/** A registered sensor: its current spec and how often it was changed (version 1 = first registration). */
export const Sensor = z.object({
  spec: SensorSpec,
  version: z.number().int().min(1).describe('1 at registration, +1 for each changed spec (every version is kept)'),
  updatedAt: z.string().describe('ISO 8601, UTC'),
  updatedBy: z.string(),
});
export type Sensor = z.infer<typeof Sensor>;

export const RegisterSensorsRequest = z.object({
  sensors: z.array(SensorSpec).min(1).max(1000).describe('New sensors, or new specs for registered ones (the old spec is kept as history)'),
});
export type RegisterSensorsRequest = z.infer<typeof RegisterSensorsRequest>;

export const RegisterSensorsResponse = z.object({
  sensors: z.array(Sensor),
  created: z.array(z.string()).describe('Ids registered for the first time'),
  updated: z.array(z.string()).describe('Ids whose spec changed (a new version)'),
  unchanged: z.array(z.string()).describe('Ids sent with the spec they already had'),
});
export type RegisterSensorsResponse = z.infer<typeof RegisterSensorsResponse>;

export const SensorList = z.object({ sensors: z.array(Sensor) });
export type SensorList = z.infer<typeof SensorList>;

/** Most readings one POST /api/v1/readings may carry (a larger batch: split it, or import a CSV). */
export const MAX_READINGS_PER_REQUEST = 10_000;

/**
 * One reading as posted. `time` is ISO 8601 (with an offset, or a wall time read in the site time zone)
 * or epoch milliseconds UTC; `value` must be a finite number (text and NaN are reported per row).
 */
export const ReadingInput = z.object({
  sensor: z.string(),
  time: z.union([z.string(), z.number()]),
  value: z.unknown(),
});
export type ReadingInput = z.infer<typeof ReadingInput>;

export const PostReadingsRequest = z.object({
  readings: z.array(ReadingInput).min(1).max(MAX_READINGS_PER_REQUEST),
});
export type PostReadingsRequest = z.infer<typeof PostReadingsRequest>;

export const READING_REJECT_CODES = [
  'READING_SENSOR_UNKNOWN',
  'READING_TIME_INVALID',
  'READING_VALUE_MISSING',
  'READING_VALUE_TEXT',
  'READING_VALUE_NAN',
  'READING_TIME_DUPLICATE',
  'READING_TIME_OUT_OF_ORDER',
] as const;
export const ReadingRejectCode = z.enum(READING_REJECT_CODES);
export type ReadingRejectCode = z.infer<typeof ReadingRejectCode>;

/**
 * A refused reading. `row`: the index in `readings` (JSON, from 0) or the 1-based line of the CSV file
 * (the header is line 1; a wide file can refuse several sensors of one line).
 */
export const RejectedReading = z.object({
  row: z.number().int(),
  sensor: z.string(),
  code: ReadingRejectCode,
  message: z.string(),
});
export type RejectedReading = z.infer<typeof RejectedReading>;

export const ReadingsResult = z.object({
  accepted: z.number().int().describe('Readings stored'),
  rejected: z.array(RejectedReading),
});
export type ReadingsResult = z.infer<typeof ReadingsResult>;

export const ImportReadingsQuery = z.object({
  format: z.enum(['long', 'wide']).default('long').describe('long: time,sensor,value; wide: time,<sensor1>,<sensor2>,... (an empty cell is no reading)'),
  fileName: z.string().min(1).max(255).default('readings.csv').describe('For messages'),
});
export type ImportReadingsQuery = z.infer<typeof ImportReadingsQuery>;

const Fraction = z.coerce.number().gt(0).max(0.9);

export const TrustReportQuery = z.object({
  from: z.string().min(1).describe('ISO 8601 (with offset, or a wall time in the site time zone) or epoch ms; inclusive'),
  to: z.string().min(1).describe('As from; inclusive'),
  sensors: z.string().optional().describe('Comma-separated sensor ids (default: every registered sensor)'),
  referenceFraction: Fraction.default(0.2).describe('Baselines are fitted on this first share of the range (by time)'),
});
export type TrustReportQuery = z.infer<typeof TrustReportQuery>;

export const UseCaseTrustReportQuery = z.object({
  referenceFraction: Fraction.default(0.2).describe("Baselines are fitted on this first share of each series' readings"),
});
export type UseCaseTrustReportQuery = z.infer<typeof UseCaseTrustReportQuery>;

/** A reported issue: the check's issue, plus the entity (asset column value) of a dataset series when it has one. */
export const ReportedIssue = TrustIssue.extend({ entity: z.string().optional() });
export type ReportedIssue = z.infer<typeof ReportedIssue>;

export const SensorTrustReport = z.object({
  sensor: z.string(),
  asset: z.string(),
  unit: z.string(),
  /** Dataset reports: the feature (column) that carries the sensor. */
  feature: z.string().optional(),
  checked: z.boolean().describe('False when no baseline could be fitted (see notes); no checks ran'),
  readings: z.number().int(),
  referenceReadings: z.number().int().describe('Readings the baseline was fitted on'),
  affectedReadings: z.number().int().describe('Readings inside an issue time range'),
  affectedShare: z.number().describe('affectedReadings / readings (0 when there are none)'),
  issueCounts: z.record(z.string(), z.number().int()),
  issues: z.array(ReportedIssue),
  ranges: z.array(z.object({ from: z.number(), to: z.number(), entity: z.string().optional() })).describe('Merged issue time ranges, epoch ms UTC'),
  health: SensorHealth.describe('Health after the last reading (worst over entities)'),
  notes: z.array(z.string()),
});
export type SensorTrustReport = z.infer<typeof SensorTrustReport>;

export const TrustReport = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('stored'), from: z.number(), to: z.number() }),
    z.object({ kind: z.literal('use-case'), useCaseId: z.string(), datasetVersionId: z.string(), timeColumn: z.string().nullable(), entityColumn: z.string().nullable() }),
  ]),
  reference: z.string().describe('How baselines were fitted, in words'),
  referenceFraction: z.number(),
  sensors: z.array(SensorTrustReport),
});
export type TrustReport = z.infer<typeof TrustReport>;
