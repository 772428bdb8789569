// Which use case inputs a sensor's readings fill: the setting's explicit map, else the input's sensor id, bare or asset-prefixed.
import type { ModelInput, UseCase } from '@shopfloor/contracts';

/** An input's sensor key, as serving reads health: its feature's sensorId, else the input's, else its name. */
export function inputSensorKey(useCase: Pick<UseCase, 'features'>, input: ModelInput): string {
  return useCase.features.find((f) => f.name === input.name)?.sensorId ?? input.sensorId ?? input.name;
}

/**
 * `sensors` (the streaming setting's map) wins; otherwise a sensor fills every input whose key is its
 * id (one sensor per input: the entity is then the sensor's asset) or `<asset>.<key>` (one sensor per
 * asset and input, e.g. mill-1.torque for an input whose sensorId is torque).
 */
export function inputsOfSensor(
  useCase: Pick<UseCase, 'features' | 'inputs'>,
  mapped: Readonly<Record<string, string>>,
  sensor: { id: string; asset: string },
  fillable: ReadonlySet<string>,
): string[] {
  const explicit = mapped[sensor.id];
  if (explicit !== undefined) return fillable.has(explicit) ? [explicit] : [];
  return useCase.inputs
    .filter((input) => fillable.has(input.name))
    .filter((input) => {
      const key = inputSensorKey(useCase, input);
      return key === sensor.id || `${sensor.asset}.${key}` === sensor.id;
    })
    .map((input) => input.name);
}
