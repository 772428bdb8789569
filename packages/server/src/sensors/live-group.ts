// A live monitor over several sensors: one redundancy group (drift against the group median) or one related pair (physical relation).
//
// Fed by the same batches as each sensor's own monitor, its readings merged by time and aligned into
// frames exactly as the batch checks align them (trust/frame-group.ts: readings of one time must come
// in one batch). Only its DRIFT and RELATION findings count here; the members' own checks run in it
// too (a stuck or out-of-range member loses its vote) but their findings are the own monitor's to report.
//
// Whom a finding turns:
//   DRIFT    the member that drifted from its group's median: untrusted (the median names it).
//   RELATION a violated relation (process temperature above air temperature) says one of the two is
//            wrong, not which. At the frame the finding opens, each sensor's reading is compared with its
//            own usual level (median and robust spread of its stored history): when exactly one of them
//            is more than BLAME_Z spreads away, it is blamed and turned untrusted; otherwise both are
//            turned `suspect` (serving still reads a suspect sensor) with a reason naming both.
// A sensor is trusted again after quietMs of reading time without a finding of this monitor on it.
import { SensorSpec as SensorSpecSchema, type SensorSpec, type TrustIssue } from '@shopfloor/contracts';
import { createTrustMonitor, fitReference, median, robustSigma, TRUST_DEFAULTS, type TrustEvent, type TrustMonitor, type TrustParams } from '../trust/index.js';
import type { LiveState, ReadingSeries } from './live-sensor.js';

/** How many robust spreads from its usual level a reading must be for a relation violation to be blamed on it. */
export const BLAME_Z = 4;

export interface GroupChange {
  sensor: string;
  state: LiveState;
  reason: string;
  at: number;
}

export interface LiveGroupOptions {
  quietMs: number;
  minBaselineReadings: number;
  params?: Partial<TrustParams>;
}

/** What the monitor of `key` runs: a redundancy group without relations, or a related pair without groups. */
export type GroupKind = { kind: 'group'; name: string } | { kind: 'relation'; owner: string; other: string };

const RANK: Record<LiveState, number> = { trusted: 0, suspect: 1, untrusted: 2 };

interface Usual {
  level: number;
  spread: number;
}

interface OpenFinding {
  /** The state this finding puts each sensor it names in. */
  targets: Map<string, LiveState>;
  reason: string;
}

export function groupKey(kind: GroupKind): string {
  return kind.kind === 'group' ? `group:${kind.name}` : `relation:${kind.owner}>${kind.other}`;
}

function monitorSpecs(kind: GroupKind, specs: readonly SensorSpec[]): SensorSpec[] {
  return specs.map((s) =>
    SensorSpecSchema.parse(
      kind.kind === 'group' ? { ...s, relation: undefined } : { ...s, redundancyGroup: undefined, ...(s.id === kind.owner ? {} : { relation: undefined }) },
    ),
  );
}

export class LiveGroup {
  readonly key: string;
  private readonly states = new Map<string, { state: LiveState; reason: string; lastFinding: number }>();
  private readonly open = new Map<string, OpenFinding>();
  private readonly latest: Float64Array;

  private constructor(
    readonly kind: GroupKind,
    readonly specs: readonly SensorSpec[],
    private readonly monitor: TrustMonitor,
    private readonly usual: readonly Usual[],
    private readonly quietMs: number,
  ) {
    this.key = groupKey(kind);
    this.latest = new Float64Array(specs.length).fill(Number.NaN);
  }

  /**
   * specs: the registered specs of the members (group members, or [owner, other]); histories: each one's
   * last stored readings before the batch, same order. Null when a member's history is too short for a
   * baseline, or the group's readings share too few times for a difference baseline: not checked yet.
   */
  static fromHistory(kind: GroupKind, specs: readonly SensorSpec[], histories: readonly ReadingSeries[], options: LiveGroupOptions): { group: LiveGroup; changes: GroupChange[] } | null {
    if (histories.some((h) => h.times.length < options.minBaselineReadings)) return null;
    const own = monitorSpecs(kind, specs);
    const series = own.map((s, j) => ({ sensor: s.id, ...histories[j]! }));
    const fit = fitReference(own, series, Infinity);
    if (own.some((s) => fit.baselines[s.id] === undefined || (kind.kind === 'group' && fit.groupBaselines[s.id] === undefined))) return null;
    const params = { ...TRUST_DEFAULTS, ...options.params };
    const monitor = createTrustMonitor(own, { baselines: fit.baselines, groupBaselines: fit.groupBaselines, params });
    const usual = own.map((s, j) => {
      const level = median(histories[j]!.values);
      return { level, spread: Math.max(robustSigma(histories[j]!.values, level), s.resolution) };
    });
    const group = new LiveGroup(kind, specs, monitor, usual, options.quietMs);
    const changes = group.feed(new Map(own.map((s, j) => [s.id, histories[j]!])));
    // Replaying history: only where each member stands now matters.
    const last = new Map(changes.map((c) => [c.sensor, c]));
    return { group, changes: [...last.values()].filter((c) => c.state !== 'trusted') };
  }

  /** Feeds the members' readings of one batch (per sensor in time order); the members' state changes. */
  feed(bySensor: ReadonlyMap<string, ReadingSeries>): GroupChange[] {
    const parts = this.specs.map((s) => bySensor.get(s.id) ?? { times: new Float64Array(0), values: new Float64Array(0) });
    const pos = new Int32Array(parts.length);
    const changes: GroupChange[] = [];
    for (;;) {
      let t = Infinity;
      for (let j = 0; j < parts.length; j++) if (pos[j]! < parts[j]!.times.length && parts[j]!.times[pos[j]!]! < t) t = parts[j]!.times[pos[j]!]!;
      if (t === Infinity) break;
      for (let j = 0; j < parts.length; j++) {
        const p = parts[j]!;
        while (pos[j]! < p.times.length && p.times[pos[j]!]! === t) {
          const v = p.values[pos[j]!]!;
          this.latest[j] = v;
          this.take(this.monitor.push(j, t, v));
          pos[j]!++;
        }
      }
      this.settle(t, changes);
    }
    return changes;
  }

  private take(events: readonly TrustEvent[]): void {
    for (const e of events) {
      if (e.type === 'health' || (e.issue.code !== 'DRIFT' && e.issue.code !== 'RELATION')) continue;
      const id = `${e.issue.code}:${e.issue.sensor}`;
      if (e.type === 'finished') this.open.delete(id);
      else this.open.set(id, e.issue.code === 'DRIFT' ? { targets: new Map([[e.issue.sensor, 'untrusted']]), reason: e.issue.message } : this.blame(e.issue));
    }
  }

  /** The relation's owner is specs[0] and its other specs[1] (see LiveGroup's comment for the rule). */
  private blame(issue: TrustIssue): OpenFinding {
    const z = this.usual.map((u, j) => Math.abs(this.latest[j]! - u.level) / u.spread);
    const far = z.map((x) => x > BLAME_Z);
    const describe = (j: number): string =>
      `${this.specs[j]!.id} reads ${Number(this.latest[j]!.toPrecision(4))} ${this.specs[j]!.unit}, ${z[j]!.toFixed(1)} spreads from its usual ${Number(this.usual[j]!.level.toPrecision(4))} ${this.specs[j]!.unit}`;
    if (far[0] !== far[1]) {
      const j = far[0] ? 0 : 1;
      return { targets: new Map([[this.specs[j]!.id, 'untrusted']]), reason: `${issue.message}; blamed on ${this.specs[j]!.id}: ${describe(j)}, while ${describe(1 - j)}` };
    }
    return {
      targets: new Map(this.specs.map((s) => [s.id, 'suspect'])),
      reason: `${issue.message}; either sensor may be wrong (${describe(0)}; ${describe(1)}): both suspect`,
    };
  }

  /** After the frame at reading time t: each member's state from the findings open on it, with the quiet period. */
  private settle(t: number, changes: GroupChange[]): void {
    for (const { id } of this.specs) {
      let worst: { state: LiveState; reason: string } = { state: 'trusted', reason: '' };
      for (const f of this.open.values()) {
        const state = f.targets.get(id);
        if (state !== undefined && RANK[state] > RANK[worst.state]) worst = { state, reason: f.reason };
      }
      const now = this.states.get(id) ?? { state: 'trusted' as LiveState, reason: '', lastFinding: Number.NaN };
      if (worst.state !== 'trusted') {
        now.lastFinding = t;
        if (RANK[worst.state] > RANK[now.state]) {
          this.states.set(id, { ...now, state: worst.state, reason: worst.reason });
          changes.push({ sensor: id, state: worst.state, reason: worst.reason, at: t });
        } else this.states.set(id, now);
      } else if (now.state !== 'trusted' && t - now.lastFinding >= this.quietMs) {
        const reason = `no ${this.key} finding for ${Math.round((t - now.lastFinding) / 1000)} s (since ${new Date(now.lastFinding).toISOString()}); trusted again`;
        this.states.set(id, { state: 'trusted', reason, lastFinding: now.lastFinding });
        changes.push({ sensor: id, state: 'trusted', reason, at: t });
      }
    }
  }
}
