// Sensor-failure robustness: the benchmark replayed with one sensor failed at a time, per failure mode, sensors ranked by criticality.
import { z } from 'zod';
import { SetRef } from './comparison.js';

/**
 * stuck-last: every row of an asset reads the asset's first reading in time order (the value it froze at);
 * stuck-zero: reads 0 in its unit; missing: no reading (the trees' learned default branch);
 * noise-x3: zero-mean Gaussian noise added so the robust spread triples; drift: a ramp reaching 3 robust sigma.
 */
export const FAILURE_MODES = ['stuck-last', 'stuck-zero', 'missing', 'noise-x3', 'drift'] as const;
export const FailureMode = z.enum(FAILURE_MODES);
export type FailureMode = z.infer<typeof FailureMode>;

export const RobustnessRequest = z.object({
  seed: z.number().int().min(0).max(2_147_483_647).default(1).describe('Seeds the noise and the drift direction; the same seed gives the same record'),
});
export type RobustnessRequest = z.input<typeof RobustnessRequest>;

/** One sensor failed in one mode, against the same rows with every sensor healthy. */
export const FailureOutcome = z.object({
  mode: FailureMode,
  description: z.string().describe('The failure in plant words, e.g. "stuck at 0 Nm"'),
  metricBefore: z.number().nullable().describe('Null when undefined on these rows (e.g. AUC with one class)'),
  metricAfter: z.number().nullable(),
  metricChange: z.number().nullable().describe('After minus before'),
  costPer1000Before: z.number(),
  costPer1000After: z.number(),
  costPer1000Change: z.number().describe('After minus before, in the use case currency; positive = the failure costs money'),
  decisionsChanged: z.number().min(0).max(1).describe('Share of rows whose decision changes'),
});
export type FailureOutcome = z.infer<typeof FailureOutcome>;

export const SensorCriticality = z.object({
  rank: z.number().int().min(1),
  feature: z.string(),
  sensorId: z.string().nullable(),
  unit: z.string().nullable(),
  robustSigma: z.number().describe('1.4826 x MAD of the sensor on the replayed rows (the standard deviation when the MAD is 0)'),
  criticality: z.number().describe('The worst cost increase per 1,000 over the failure modes'),
  worstMode: FailureMode,
  finding: z.string().describe('The worst mode in plant words, as the model card shows it'),
  modes: z.array(FailureOutcome),
});
export type SensorCriticality = z.infer<typeof SensorCriticality>;

/** Written once per run and never changed; the model card reads the newest for its version. */
export const RobustnessRecord = z.object({
  id: z.string(),
  useCaseId: z.string(),
  modelVersionId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().describe('User id'),
  trigger: z.enum(['training', 'request']).describe('Run right after training registered the version, or asked for'),
  seed: z.number().int(),
  set: SetRef.describe('The frozen benchmark replayed; rows = rows with a target'),
  metric: z.enum(['roc_auc', 'rmse', 'accuracy']),
  better: z.enum(['higher', 'lower']),
  currency: z.string(),
  sensorSource: z.enum(['sensor-id', 'numeric-inputs']).describe('Inputs with a sensorId, or every numeric input when none has one'),
  baseline: z.object({ metric: z.number().nullable(), costPer1000: z.number() }),
  sensors: z.array(SensorCriticality).describe('Most critical first'),
  seconds: z.number(),
});
export type RobustnessRecord = z.infer<typeof RobustnessRecord>;
