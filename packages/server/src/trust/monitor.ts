// The trust monitor: every check of every sensor, streaming one reading at a time; batch runs feed it the same way.
import { SensorSpec as SensorSpecSchema, type SensorHealth, type SensorSpec, type SensorSpecInput } from '@shopfloor/contracts';
import type { SensorBaseline } from './baseline.js';
import { DriftCheck, type DifferenceBaseline } from './check-drift.js';
import { RelationCheck } from './check-relation.js';
import { FrameGroup } from './frame-group.js';
import { smallMedian } from './group-baseline.js';
import { NO_EVENTS, type TrustEvent } from './issue.js';
import { TRUST_DEFAULTS, type TrustParams } from './params.js';
import { SensorMonitor } from './sensor-monitor.js';

export interface TrustMonitorOptions {
  /** Each sensor's baseline from fitBaseline, keyed by sensor id (required for every sensor). */
  baselines: Readonly<Record<string, SensorBaseline>>;
  /** Each redundancy-group member's difference baseline from fitGroupBaseline; groups without one get no drift check. */
  groupBaselines?: Readonly<Record<string, DifferenceBaseline>>;
  params?: Partial<TrustParams>;
}

export class TrustMonitor {
  readonly specs: readonly SensorSpec[];
  private readonly sensors: SensorMonitor[];
  private readonly index = new Map<string, number>();
  /** Per sensor: the frame groups it belongs to and its member position in each. */
  private readonly frames: { group: FrameGroup; member: number }[][];
  private events: TrustEvent[] | null = null;
  private now = NaN;
  private readonly scratch: Float64Array;
  private readonly emit = (e: TrustEvent): void => {
    (this.events ??= []).push(e);
  };

  constructor(specs: readonly SensorSpecInput[], options: TrustMonitorOptions) {
    const params = { ...TRUST_DEFAULTS, ...options.params };
    this.specs = specs.map((s) => SensorSpecSchema.parse(s));
    this.specs.forEach((s, i) => {
      if (this.index.has(s.id)) throw new Error(`sensor ${s.id} is declared twice`);
      this.index.set(s.id, i);
    });
    this.sensors = this.specs.map((s) => {
      const b = options.baselines[s.id];
      if (!b) throw new Error(`sensor ${s.id} has no baseline: fit one on a clean reference range (fitBaseline)`);
      return new SensorMonitor(s, b, params, this.emit, () => this.now);
    });
    this.frames = this.specs.map(() => []);
    let largest = 2;
    for (const members of this.groups().values()) {
      const diff = options.groupBaselines;
      if (members.length < 2 || !diff || members.some((m) => !diff[this.specs[m]!.id])) continue;
      for (const m of members) this.sensors[m]!.drift = new DriftCheck(this.specs[m]!, diff[this.specs[m]!.id]!, params);
      this.join(new FrameGroup(members, (t, g) => this.evaluateGroup(t, g)));
      largest = Math.max(largest, members.length);
    }
    this.specs.forEach((s, i) => {
      if (!s.relation) return;
      const other = this.index.get(s.relation.other);
      if (other === undefined) throw new Error(`sensor ${s.id}: its relation names ${s.relation.other}, which is not a sensor here`);
      this.sensors[i]!.relation = new RelationCheck(s, s.relation, params.relationSamples);
      this.join(new FrameGroup([i, other], (t, g) => this.evaluateRelation(t, g)));
    });
    this.scratch = new Float64Array(largest);
  }

  /** The index push() takes for a sensor id (throws for an unknown sensor). */
  indexOf(sensor: string): number {
    const i = this.index.get(sensor);
    if (i === undefined) throw new Error(`unknown sensor ${sensor}`);
    return i;
  }

  /**
   * One reading of sensor i at time t (epoch ms). Returns the issues that started or finished and the
   * health changes it caused (the shared empty array when nothing happened). A reading not after the
   * sensor's last one is ignored: ordering and duplicates are refused at ingest, before this point.
   */
  push(i: number, t: number, v: number): readonly TrustEvent[] {
    const s = this.sensors[i]!;
    if (!(t > s.lastT) && s.lastT === s.lastT) return NO_EVENTS;
    this.events = null;
    this.now = t;
    s.push(t, v);
    const frames = this.frames[i]!;
    for (let f = 0; f < frames.length; f++) frames[f]!.group.push(frames[f]!.member, t, v);
    return this.events ?? NO_EVENTS;
  }

  /** The clock reached `now`: raises DROPOUT for every sensor silent for longer than its allowed gap. */
  tick(now: number): readonly TrustEvent[] {
    this.events = null;
    this.now = now;
    for (const s of this.sensors) s.tick(now);
    return this.events ?? NO_EVENTS;
  }

  /** End of a batch range: every open issue finishes at its last affected reading. */
  close(): readonly TrustEvent[] {
    this.events = null;
    for (const s of this.sensors) {
      this.now = s.lastT;
      s.close();
    }
    return this.events ?? NO_EVENTS;
  }

  health(i: number): SensorHealth {
    return this.sensors[i]!.health.name;
  }

  private groups(): Map<string, number[]> {
    const groups = new Map<string, number[]>();
    this.specs.forEach((s, i) => {
      if (s.redundancyGroup) groups.set(s.redundancyGroup, [...(groups.get(s.redundancyGroup) ?? []), i]);
    });
    return groups;
  }

  private join(group: FrameGroup): void {
    group.members.forEach((m, member) => this.frames[m]!.push({ group, member }));
  }

  /**
   * Each usable member's difference to the median of the voting members feeds its CUSUM. A member whose
   * drift is open has no vote (else the median leans towards it and its twins look biased the other
   * way); when a member loses or regains its vote the others' evidence is reset.
   */
  private evaluateGroup(t: number, g: FrameGroup): void {
    const a = this.scratch;
    let n = 0;
    let voters = 0;
    for (let j = 0; j < g.members.length; j++) {
      if (!g.present[j]) continue;
      const s = this.sensors[g.members[j]!]!;
      if (s.groupVotes) {
        a[n++] = g.values[j]!;
        voters |= 1 << j;
      }
    }
    if (voters !== g.voters) {
      if (g.voters !== -1 && popCount(voters) < popCount(g.voters)) for (const m of g.members) this.sensors[m]!.drift!.reset();
      g.voters = voters;
    }
    if (n < 2) return;
    const med = smallMedian(a, n);
    for (let j = 0; j < g.members.length; j++) {
      const s = this.sensors[g.members[j]!]!;
      if (!g.present[j] || !s.groupUsable) continue;
      const bits = s.drift!.push(t, g.values[j]! - med, s.flat);
      if (bits) {
        s.take(s.drift!.state, bits);
        s.observeHealth(t, s.level());
      }
    }
  }

  private evaluateRelation(t: number, g: FrameGroup): void {
    const s = this.sensors[g.members[0]!]!;
    if (!g.present[0] || !g.present[1] || !s.valid || !this.sensors[g.members[1]!]!.valid) return;
    const bits = s.relation!.push(t, g.values[0]!, g.values[1]!);
    if (bits) {
      s.take(s.relation!.state, bits);
      s.observeHealth(t, s.level());
    }
  }
}

function popCount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

export function createTrustMonitor(specs: readonly SensorSpecInput[], options: TrustMonitorOptions): TrustMonitor {
  return new TrustMonitor(specs, options);
}
