// A model card's sensor robustness: one entry per model input, filled from the version's newest robustness record when there is one.
import type { RobustnessRecord, SensorRobustness, UseCase } from '@shopfloor/contracts';

/**
 * Without a record every input is listed with its sensor id and `not-assessed`: the card says plainly
 * that nobody checked, rather than leaving the section out. With one, each replayed sensor carries its
 * worst failure in plant words; inputs that were not replayed (categorical, or without a sensor id when
 * others have one) stay `not-assessed`.
 */
export function sensorRobustnessOf(useCase: Pick<UseCase, 'features'>, record: RobustnessRecord | null = null): SensorRobustness {
  const assessed = new Map((record?.sensors ?? []).map((s) => [s.feature, s]));
  const sensors = useCase.features.map((f) => {
    const found = assessed.get(f.name);
    return {
      feature: f.name,
      sensorId: f.sensorId ?? null,
      status: found === undefined ? ('not-assessed' as const) : ('assessed' as const),
      finding: found === undefined ? null : `#${found.rank} ${found.finding}`,
    };
  });
  if (record === null) {
    const named = sensors.filter((s) => s.sensorId !== null).length;
    return {
      status: 'not-assessed',
      summary: `Not assessed yet: how this model behaves when a sensor is knocked or fails has not been measured (${sensors.length} inputs, ${named} with a sensor id).`,
      sensors,
    };
  }
  const top = record.sensors[0];
  const most = top === undefined ? '' : ` Most critical: ${top.feature} (worst: ${top.worstMode}).`;
  return {
    status: 'assessed',
    summary:
      `Assessed ${record.createdAt.slice(0, 10)} on the ${record.set.name} set (${record.set.rows.toLocaleString('en-US')} rows, seed ${record.seed}): ` +
      `${record.sensors.length} sensors x 5 failure modes (stuck at last value, stuck at zero, missing, noise x3, drift 3 sigma), ranked by the worst cost increase.${most}`,
    sensors,
  };
}
