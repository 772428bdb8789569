// Which model inputs are sensors: the numeric inputs with a sensorId, or every numeric input when no feature names a sensor.
import { ShopfloorError, type UseCase } from '@shopfloor/contracts';
import type { GbdtModel } from '@shopfloor/gbdt';

export interface SensorInput {
  feature: string;
  sensorId: string | null;
  unit: string | null;
  /** Column of the feature in the model's matrix. */
  column: number;
}

export type SensorSource = 'sensor-id' | 'numeric-inputs';

/** "Torque [Nm]" -> "Nm": AI4I-style names carry their unit in brackets. */
function unitInName(name: string): string | null {
  return /\[([^\]]+)\]\s*$/.exec(name)?.[1] ?? null;
}

/**
 * A categorical or boolean input (machine type, a flag) is not replayed: it has no stuck value, no
 * noise and no drift. When at least one feature has a sensorId, only the numeric inputs with one are
 * sensors (the others are derived or process values); when none has, every numeric input is treated
 * as a sensor, which is what a use case built straight from a SCADA export means.
 */
export function sensorInputs(useCase: Pick<UseCase, 'features' | 'inputs'>, model: GbdtModel): { sensors: SensorInput[]; source: SensorSource } {
  const source: SensorSource = useCase.features.some((f) => f.sensorId !== undefined) ? 'sensor-id' : 'numeric-inputs';
  const spec = new Map(useCase.features.map((f) => [f.name, f]));
  const kind = new Map(useCase.inputs.map((i) => [i.name, i]));
  const sensors: SensorInput[] = [];
  model.features.forEach((f, column) => {
    const input = kind.get(f.name);
    const feature = spec.get(f.name);
    const numeric = input === undefined ? f.type === 'numeric' : input.kind === 'numeric';
    const sensorId = feature?.sensorId ?? input?.sensorId ?? null;
    if (!numeric || (source === 'sensor-id' && sensorId === null)) return;
    sensors.push({ feature: f.name, sensorId, unit: feature?.unit ?? input?.unit ?? unitInName(f.name), column });
  });
  if (sensors.length === 0) {
    throw new ShopfloorError('ROBUSTNESS_INVALID', 'The model has no numeric sensor input to fail: every input is categorical or boolean, or no numeric input has a sensorId', {
      reason: 'no-sensor-input',
      inputs: model.features.map((f) => f.name),
    });
  }
  return { sensors, source };
}
