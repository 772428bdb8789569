// The live health of each sensor as serving sees it: an in-process map the trust stage (or an engineer) sets.
import type { SensorHealth, SensorHealthEntry } from '@shopfloor/contracts';

export interface SensorHealthBoard {
  /** Records the state from now on, with why when known; `trusted` forgets the sensor (the default for every sensor). */
  set(sensorId: string, state: SensorHealth, reason?: string): SensorHealthEntry;
  /** `trusted` for a sensor never set. */
  get(sensorId: string): SensorHealth;
  /** The sensors not trusted now, by id. */
  entries(): SensorHealthEntry[];
}

/**
 * Keyed by sensor id; an input without a sensorId is its own sensor, keyed by its input name (AI4I's
 * "Torque [Nm]"). One board per facade (never module-wide): serving reads it on every request.
 */
export function createSensorHealthBoard(now: () => Date): SensorHealthBoard {
  const states = new Map<string, SensorHealthEntry>();
  return {
    set(sensorId, state, reason) {
      const entry: SensorHealthEntry = { sensorId, state, since: now().toISOString(), ...(reason === undefined ? {} : { reason }) };
      if (state === 'trusted') states.delete(sensorId);
      else if (states.get(sensorId)?.state !== state) states.set(sensorId, entry);
      return states.get(sensorId) ?? entry;
    },
    get: (sensorId) => states.get(sensorId)?.state ?? 'trusted',
    entries: () => [...states.values()].sort((a, b) => a.sensorId.localeCompare(b.sensorId)),
  };
}
