// A sensor's health (trusted, suspect, untrusted) with hysteresis: worse at once, better only after N clean readings per step.
//
//   level per reading: 2 = a critical issue is open, 1 = a warning (or a spike this reading), 0 = clean
//   trusted --warning--> suspect --critical--> untrusted   (any level above the state: jump to it)
//   untrusted --N clean--> suspect --N clean--> trusted    (a reading with an issue restarts the count)
import { SENSOR_HEALTH_STATES, type SensorHealth } from '@shopfloor/contracts';

export class HealthState {
  level = 0;
  private clean = 0;

  constructor(readonly recoverySamples: number) {}

  get name(): SensorHealth {
    return SENSOR_HEALTH_STATES[this.level]!;
  }

  /** Feeds one reading's issue level (0, 1, 2); returns true when the state changed. */
  observe(issueLevel: number): boolean {
    if (issueLevel >= this.level) {
      this.clean = 0;
      if (issueLevel === this.level) return false;
      this.level = issueLevel;
      return true;
    }
    if (issueLevel > 0) {
      this.clean = 0;
      return false;
    }
    if (++this.clean < this.recoverySamples) return false;
    this.clean = 0;
    this.level--;
    return true;
  }
}
