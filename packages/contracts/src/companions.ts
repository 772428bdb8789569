// Companion models: a champion's twins trained without one sensor input each, what serving uses when that sensor is untrusted.
import { z } from 'zod';
import { SensorHealth } from './sensors.js';
import { DecisionRule, Metrics } from './models.js';

/** Sensors a companion is trained for when none are named: the most critical of the newest robustness record. */
export const DEFAULT_COMPANION_SENSORS = 2;

export const CompanionRequest = z.object({
  k: z.number().int().min(1).max(20).default(DEFAULT_COMPANION_SENSORS).describe('How many of the most critical sensors (newest robustness record) get a companion'),
});
export type CompanionRequest = z.input<typeof CompanionRequest>;

/** Written once per (model version, left-out input) and never changed. */
export const CompanionModel = z.object({
  id: z.string(),
  useCaseId: z.string(),
  modelVersionId: z.string(),
  version: z.number().int().describe('The model version number the companion belongs to'),
  leftOut: z.string().describe('The input left out (its name)'),
  sensorId: z.string().nullable(),
  criticalityRank: z.number().int().min(1).describe('Rank of the left-out sensor in the robustness record the companion was chosen from'),
  robustnessRecordId: z.string(),
  inputs: z.array(z.string()).describe('The inputs the companion reads'),
  decisionRule: DecisionRule.describe('Re-chosen on the validation rows of the same split'),
  metrics: Metrics.describe('Held-out metrics on the test rows of the same split'),
  artifactSha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string().describe('User id'),
  trigger: z.enum(['training', 'promotion', 'request']).describe('Right after training a new champion, right after promoting a version to champion, or asked for'),
});
export type CompanionModel = z.infer<typeof CompanionModel>;

export const CompanionList = z.object({ companions: z.array(CompanionModel) });
export type CompanionList = z.infer<typeof CompanionList>;

export const SetSensorHealthRequest = z.object({ state: SensorHealth });
export type SetSensorHealthRequest = z.infer<typeof SetSensorHealthRequest>;

export const SensorHealthEntry = z.object({
  sensorId: z.string(),
  state: SensorHealth,
  since: z.string().describe('When this state was set (ISO time)'),
  reason: z.string().optional().describe("Why: the live trust finding that turned the sensor (absent when an engineer set it)"),
});
export type SensorHealthEntry = z.infer<typeof SensorHealthEntry>;
