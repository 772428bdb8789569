// Health badges of a use case's inputs: trusted, suspect or untrusted as serving sees them now, and which ones an answer could not use.
import type { FeatureSpec, ModelInput, SensorHealthEntry } from '@shopfloor/contracts';
import { formatDateTime } from '../format.js';

export interface SensorBadgesProps {
  inputs: readonly ModelInput[];
  /** The use case's feature specs: a sensor id there names the input's sensor first. */
  features: readonly FeatureSpec[];
  health: readonly SensorHealthEntry[];
  /** Inputs (names) one answer did not use; marks them on top of their health. */
  notUsed?: readonly string[];
  testId?: string;
}

export type BadgeState = 'trusted' | 'suspect' | 'untrusted';

/**
 * An input's health entry, keyed as serving keys it: the feature spec's sensor id, else the input's, else
 * the input's own name. Null when serving lists none: the sensor is trusted.
 */
export function inputHealth(input: ModelInput, features: readonly FeatureSpec[], health: readonly SensorHealthEntry[]): SensorHealthEntry | null {
  const key = features.find((f) => f.name === input.name)?.sensorId ?? input.sensorId ?? input.name;
  return health.find((entry) => entry.sensorId === key) ?? null;
}

export function SensorBadges({ inputs, features, health, notUsed = [], testId }: SensorBadgesProps) {
  return (
    <ul className="sensor-badges" aria-label="Sensor health" data-testid={testId}>
      {inputs.map((input) => {
        const entry = inputHealth(input, features, health);
        const state: BadgeState = entry?.state ?? 'trusted';
        const skipped = notUsed.includes(input.name);
        const why = entry === null ? 'trusted' : `${entry.state} since ${formatDateTime(entry.since)}${entry.reason !== undefined ? `: ${entry.reason}` : ''}`;
        return (
          <li
            key={input.name}
            className={`sensor-badge sensor-${state}${skipped ? ' sensor-not-used' : ''}`}
            title={why}
            data-testid="sensor-badge"
            data-sensor={input.name}
            data-state={state}
            data-used={!skipped}
          >
            <span className="sensor-badge-mark" aria-hidden="true">
              {state === 'trusted' ? '●' : state === 'suspect' ? '▲' : '✖'}
            </span>{' '}
            {input.name}
            <span className="sensor-badge-state"> {skipped ? 'not used in this answer' : state}</span>
          </li>
        );
      })}
    </ul>
  );
}
