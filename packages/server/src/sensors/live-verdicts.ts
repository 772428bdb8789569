// Each sensor's live state on the board: the worst of what its sources say (own checks, silence, each group or relation monitor it is in).
import type { SensorHealth } from '@shopfloor/contracts';
import type { LiveChange } from './live-sensor.js';

const RANK: Record<SensorHealth, number> = { trusted: 0, suspect: 1, untrusted: 2 };

interface Verdict {
  state: SensorHealth;
  reason: string;
}

/**
 * Sources report their own state for a sensor (`own`, `silence`, `group:<name>`, `relation:<a>><b>`);
 * the sensor's state is the worst of them, its reason that of the worst source to turn it there first.
 * A change is answered only when the combined state moves, so a second finding never restamps `since`.
 */
export class LiveVerdicts {
  private readonly bySensor = new Map<string, Map<string, Verdict>>();
  private readonly shown = new Map<string, Verdict>();

  /** The combined change this report makes, or null. `reason` says why (for trusted: why it is trusted again). */
  report(sensor: string, source: string, state: SensorHealth, reason: string, at: number): LiveChange | null {
    let sources = this.bySensor.get(sensor);
    if (sources === undefined) this.bySensor.set(sensor, (sources = new Map()));
    if (state === 'trusted') sources.delete(source);
    else sources.set(source, { state, reason });
    const before = this.shown.get(sensor) ?? { state: 'trusted', reason: '' };
    let worst: Verdict = { state: 'trusted', reason };
    for (const v of sources.values()) if (RANK[v.state] > RANK[worst.state]) worst = v;
    if (worst.state === before.state) return null;
    // Still held by another source: the change names that source's reason, not the report that eased.
    this.shown.set(sensor, worst);
    return { sensor, state: worst.state, reason: worst.reason, at };
  }

  state(sensor: string): SensorHealth {
    return this.shown.get(sensor)?.state ?? 'trusted';
  }

  /** Forgets one source's word on every sensor (its monitor was replaced); the changes that makes. */
  forget(source: string, at: number): LiveChange[] {
    const changes: LiveChange[] = [];
    for (const [sensor, sources] of this.bySensor) {
      if (!sources.has(source)) continue;
      const change = this.report(sensor, source, 'trusted', `${source} is checked afresh`, at);
      if (change !== null) changes.push(change);
    }
    return changes;
  }
}
