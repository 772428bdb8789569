// Which inputs of a prediction must not be read: the ones the request flags and the ones whose sensor the health board holds untrusted.
import { ShopfloorError, type ModelInput, type UseCase } from '@shopfloor/contracts';
import type { SensorHealthBoard } from './sensor-health-board.js';

export interface UntrustedInputs {
  /** Input names, in the use case's input order. */
  names: string[];
  /** At least one came from the live health board (else all were flagged in the request). */
  fromHealth: boolean;
}

/** An input's sensor key: its sensorId (feature spec first, then input), else its own name. */
function sensorKey(useCase: Pick<UseCase, 'features'>, input: ModelInput): string {
  return useCase.features.find((f) => f.name === input.name)?.sensorId ?? input.sensorId ?? input.name;
}

/**
 * `flags` name inputs by sensor id or input name; one naming neither is PREDICT_SENSOR_UNKNOWN (a typo
 * must not silently leave a lying sensor in use). Only numeric inputs have a sensor key on the board,
 * but a request may flag any input.
 */
export function untrustedInputs(useCase: Pick<UseCase, 'features' | 'inputs'>, flags: readonly string[], board: SensorHealthBoard): UntrustedInputs {
  const keyed = useCase.inputs.map((input) => ({ input, key: sensorKey(useCase, input) }));
  const flagged = new Set<string>();
  for (const flag of flags) {
    const hits = keyed.filter((k) => k.input.name === flag || k.key === flag);
    if (hits.length === 0) {
      const known = [...new Set(keyed.flatMap((k) => [k.key, k.input.name]))].sort();
      throw new ShopfloorError('PREDICT_SENSOR_UNKNOWN', `untrustedSensors: "${flag}" is neither a sensor id nor an input of this use case (known: ${known.slice(0, 20).join(', ')})`, {
        field: 'untrustedSensors',
        sensor: flag,
        known: known.slice(0, 100),
      });
    }
    for (const h of hits) flagged.add(h.input.name);
  }
  const unhealthy = new Set(keyed.filter((k) => board.get(k.key) === 'untrusted').map((k) => k.input.name));
  const names = useCase.inputs.map((i) => i.name).filter((n) => flagged.has(n) || unhealthy.has(n));
  return { names, fromHealth: names.some((n) => unhealthy.has(n)) };
}
