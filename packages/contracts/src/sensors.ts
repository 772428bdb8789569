// Sensors as first-class things (range, sample period, redundancy group, relation, known non-fault behaviour) and trust issues.
import { z } from 'zod';

/** A physical relation this sensor must keep to another one, e.g. process temperature above air temperature. */
export const SensorRelation = z.object({
  kind: z.enum(['greater-than', 'less-than']).describe('greater-than: this sensor > other + margin; less-than: this sensor < other - margin'),
  other: z.string().trim().min(1).describe('The id of the other sensor'),
  margin: z.number().min(0).default(0).describe("In this sensor's unit"),
});
export type SensorRelation = z.infer<typeof SensorRelation>;

export const SensorSpec = z
  .object({
    id: z.string().trim().min(1).max(200).describe('Unique sensor id, e.g. mill-1.torque'),
    asset: z.string().trim().min(1).max(200).describe('The asset the sensor sits on, e.g. mill-1'),
    unit: z.string().max(50).default('').describe('Engineering unit as printed, e.g. Nm, K, rpm'),
    min: z.number().describe('Lowest physically possible reading'),
    max: z.number().describe('Highest physically possible reading'),
    samplePeriodMs: z.number().positive().describe('Expected time between readings, in milliseconds'),
    resolution: z.number().min(0).default(0).describe('Smallest step the sensor reports (0 = continuous)'),
    redundancyGroup: z.string().trim().min(1).optional().describe('Sensors in one group measure the same quantity'),
    relation: SensorRelation.optional(),
    constantByDesign: z.boolean().default(false).describe('A constant reading is normal (a set point, a fixed speed): no stuck check'),
    counterResets: z
      .boolean()
      .default(false)
      .describe('The value may drop back to near its minimum (tool wear to 0 at a tool change): such a drop is not a fault'),
  })
  .refine((s) => s.min < s.max, { message: 'min must be below max', path: ['max'] })
  .refine((s) => s.relation?.other !== s.id, { message: 'a sensor cannot relate to itself', path: ['relation', 'other'] });
export type SensorSpec = z.infer<typeof SensorSpec>;
export type SensorSpecInput = z.input<typeof SensorSpec>;

export const TRUST_ISSUE_CODES = ['OUT_OF_RANGE', 'STUCK', 'SPIKE', 'DROPOUT', 'NOISE_CHANGE', 'DRIFT', 'RELATION'] as const;
export const TrustIssueCode = z.enum(TRUST_ISSUE_CODES);
export type TrustIssueCode = z.infer<typeof TrustIssueCode>;

export const TrustSeverity = z.enum(['warning', 'critical']);
export type TrustSeverity = z.infer<typeof TrustSeverity>;

export const SENSOR_HEALTH_STATES = ['trusted', 'suspect', 'untrusted'] as const;
export const SensorHealth = z.enum(SENSOR_HEALTH_STATES);
export type SensorHealth = z.infer<typeof SensorHealth>;

/** One finding on one sensor over a time range (epoch ms, UTC). `to` is null while the issue is still open. */
export const TrustIssue = z.object({
  code: TrustIssueCode,
  sensor: z.string(),
  from: z.number().describe('Epoch milliseconds (UTC) of the first affected reading'),
  to: z.number().nullable().describe('Epoch milliseconds (UTC) of the last affected reading; null while ongoing'),
  expected: z.string(),
  received: z.string(),
  severity: TrustSeverity,
  message: z.string(),
});
export type TrustIssue = z.infer<typeof TrustIssue>;
