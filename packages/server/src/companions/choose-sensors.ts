// Which inputs get a companion: the K most critical sensors of a version's newest robustness record.
import { ShopfloorError, type RobustnessRecord, type SensorCriticality } from '@shopfloor/contracts';

/** Ranked most critical first (the record's order); fewer than k when the model has fewer sensors. */
export function mostCriticalSensors(record: RobustnessRecord | null, modelVersionId: string, k: number): SensorCriticality[] {
  if (record === null) {
    throw new ShopfloorError('COMPANION_INVALID', `Model version ${modelVersionId} has no sensor-robustness record: run the replay first (POST .../robustness), it ranks the sensors companions are trained for`, {
      reason: 'no-robustness-record',
      modelVersionId,
    });
  }
  return [...record.sensors].sort((a, b) => a.rank - b.rank).slice(0, k);
}
