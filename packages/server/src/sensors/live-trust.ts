// Live trust: stored readings pushed through each sensor's trust monitor, its group and relation monitors and a silence watch, turning sensors untrusted (and back) on the health board serving reads.
import type { SensorHealth, SensorSpec } from '@shopfloor/contracts';
import { systemClock, type Clock } from '../clock.js';
import type { ReadingRow, Store } from '../store/index.js';
import { TRUST_DEFAULTS, type TrustParams } from '../trust/index.js';
import { groupKey, LiveGroup, type GroupKind } from './live-group.js';
import { LiveSensor, type LiveChange, type ReadingSeries } from './live-sensor.js';
import { SilenceWatch } from './live-silence.js';
import { LiveVerdicts } from './live-verdicts.js';

/** What live trust writes to: the serving health board (serve/sensor-health-board.ts), by sensor id. */
export interface HealthBoardWriter {
  set(sensorId: string, state: SensorHealth, reason?: string): unknown;
}

export interface LiveTrustOptions {
  /** Reading time without a critical finding before an untrusted sensor is trusted again (ms). */
  quietMs: number;
  /** Stored readings a new monitor's baseline is fitted on (the last ones before the batch). */
  baselineReadings?: number;
  /** Fewer usable stored readings than this: the sensor is not checked yet (its readings still build the history). */
  minBaselineReadings?: number;
  params?: Partial<TrustParams>;
  /** The wall clock silence is measured on (readings' arrival, never their timestamps); the system's by default. */
  clock?: Clock;
  /** Called when feeding a batch or a tick failed (the readings are stored; only the live check missed them). */
  onError?: (error: unknown) => void;
}

export interface LiveTrust {
  /** Feeds readings just stored (per sensor in time order); answers the board changes made. Never throws. */
  observe(readings: readonly ReadingRow[]): Promise<LiveChange[]>;
  /** The clock moved: sensors silent for longer than k sample periods turn untrusted. Never throws. */
  tick(): Promise<LiveChange[]>;
  /** The sensors checked live now (a monitor exists), by id. */
  sensors(): string[];
  /** The group and relation monitors running now (`group:<name>`, `relation:<owner>><other>`). */
  groups(): string[];
}

export const LIVE_BASELINE_READINGS = 2000;
export const LIVE_MIN_BASELINE_READINGS = 200;

type SeriesBySensor = Map<string, ReadingSeries & { first: number }>;

function bySensorOf(readings: readonly ReadingRow[]): SeriesBySensor {
  const rows = new Map<string, ReadingRow[]>();
  for (const r of readings) {
    const list = rows.get(r.sensor);
    if (list === undefined) rows.set(r.sensor, [r]);
    else list.push(r);
  }
  const out: SeriesBySensor = new Map();
  for (const [id, list] of rows) out.set(id, { first: list[0]!.time, times: Float64Array.from(list, (r) => r.time), values: Float64Array.from(list, (r) => r.value) });
  return out;
}

/** The group and relation monitors a set of registered specs calls for, with their members (owner first for a relation). */
function groupsOf(specs: readonly SensorSpec[]): { kind: GroupKind; members: SensorSpec[] }[] {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const groups = new Map<string, SensorSpec[]>();
  for (const s of specs) if (s.redundancyGroup !== undefined) groups.set(s.redundancyGroup, [...(groups.get(s.redundancyGroup) ?? []), s]);
  const out: { kind: GroupKind; members: SensorSpec[] }[] = [];
  for (const [name, members] of groups) if (members.length >= 2) out.push({ kind: { kind: 'group', name }, members });
  for (const s of specs) {
    const other = s.relation === undefined ? undefined : byId.get(s.relation.other);
    if (other !== undefined && other.id !== s.id) out.push({ kind: { kind: 'relation', owner: s.id, other: other.id }, members: [s, other] });
  }
  return out;
}

/**
 * One per facade (never module-wide). A sensor's monitor is made on its first batch after start-up,
 * from the stored readings before that batch, so a restart loses no baseline; a new spec version makes
 * a new monitor. Group and relation monitors are made the same way when a batch holds one of their
 * members. Batches and ticks run one after another in the order they came. Each sensor's board state
 * is the worst of its own monitor, its silence watch and the group monitors it is in (live-verdicts.ts).
 */
export function createLiveTrust(store: Store, board: HealthBoardWriter, options: LiveTrustOptions): LiveTrust {
  const live = new Map<string, LiveSensor>();
  const groups = new Map<string, LiveGroup>();
  const silence = new Map<string, SilenceWatch>();
  const verdicts = new LiveVerdicts();
  const clock = options.clock ?? systemClock;
  const params = { ...TRUST_DEFAULTS, ...options.params };
  const sensorOptions = {
    quietMs: options.quietMs,
    minBaselineReadings: options.minBaselineReadings ?? LIVE_MIN_BASELINE_READINGS,
    ...(options.params === undefined ? {} : { params: options.params }),
  };
  const baselineReadings = options.baselineReadings ?? LIVE_BASELINE_READINGS;
  let queue: Promise<unknown> = Promise.resolve();

  async function monitorOf(spec: SensorSpec, firstTime: number, changes: LiveChange[]): Promise<LiveSensor | null> {
    const known = live.get(spec.id);
    if (known !== undefined && JSON.stringify(known.spec) === JSON.stringify(spec)) return known;
    live.delete(spec.id);
    const made = LiveSensor.fromHistory(spec, await store.readings.recent(spec.id, baselineReadings, firstTime), sensorOptions);
    if (made === null) return null;
    live.set(spec.id, made.sensor);
    if (made.change !== null) push(changes, verdicts.report(spec.id, 'own', made.change.state, made.change.reason, made.change.at));
    return made.sensor;
  }

  async function groupOf(kind: GroupKind, members: SensorSpec[], firstTime: number, changes: LiveChange[]): Promise<LiveGroup | null> {
    const key = groupKey(kind);
    const known = groups.get(key);
    if (known !== undefined && JSON.stringify(known.specs) === JSON.stringify(members)) return known;
    if (known !== undefined) {
      groups.delete(key);
      changes.push(...verdicts.forget(key, firstTime));
    }
    const histories = await Promise.all(members.map((m) => store.readings.recent(m.id, baselineReadings, firstTime)));
    const made = LiveGroup.fromHistory(kind, members, histories, sensorOptions);
    if (made === null) return null;
    groups.set(key, made.group);
    for (const c of made.changes) push(changes, verdicts.report(c.sensor, key, c.state, c.reason, c.at));
    return made.group;
  }

  function push(changes: LiveChange[], change: LiveChange | null): void {
    if (change !== null) changes.push(change);
  }

  async function feed(readings: readonly ReadingRow[]): Promise<LiveChange[]> {
    const arrival = clock.now().getTime();
    const bySensor = bySensorOf(readings);
    if (bySensor.size === 0) return [];
    const registered = (await store.sensors.list()).map((s) => s.spec);
    const changes: LiveChange[] = [];
    for (const spec of registered) {
      const series = bySensor.get(spec.id);
      if (series === undefined) continue;
      let watch = silence.get(spec.id);
      if (watch === undefined) silence.set(spec.id, (watch = new SilenceWatch(spec, params.dropoutPeriods, options.quietMs)));
      else if (watch.spec !== spec) watch.respec(spec);
      const heard = watch.arrived(arrival, series.times);
      if (heard !== null) push(changes, verdicts.report(spec.id, 'silence', heard.state, heard.reason, series.times[series.times.length - 1]!));
      const sensor = await monitorOf(spec, series.first, changes);
      if (sensor === null) continue;
      const own = sensor.pushAll(series);
      if (own !== null) push(changes, verdicts.report(spec.id, 'own', own.state, own.reason, own.at));
    }
    for (const { kind, members } of groupsOf(registered)) {
      const parts = members.flatMap((m) => (bySensor.has(m.id) ? [bySensor.get(m.id)!.first] : []));
      if (parts.length === 0) continue;
      const group = await groupOf(kind, members, Math.min(...parts), changes);
      if (group === null) continue;
      for (const c of group.feed(bySensor)) push(changes, verdicts.report(c.sensor, group.key, c.state, c.reason, c.at));
    }
    return publish(changes);
  }

  /** Every change here is already combined (LiveVerdicts): the board shows the worst source's word. */
  function publish(changes: LiveChange[]): LiveChange[] {
    for (const c of changes) board.set(c.sensor, c.state, c.state === 'trusted' ? undefined : c.reason);
    return changes;
  }

  async function tick(): Promise<LiveChange[]> {
    const now = clock.now().getTime();
    const changes: LiveChange[] = [];
    for (const [id, watch] of silence) {
      const quiet = watch.tick(now);
      if (quiet !== null) push(changes, verdicts.report(id, 'silence', quiet.state, quiet.reason, now));
    }
    return publish(changes);
  }

  function serially(run: () => Promise<LiveChange[]>): Promise<LiveChange[]> {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next.catch((e: unknown) => {
      options.onError?.(e);
      return [];
    });
  }

  return {
    observe: (readings) => serially(() => feed(readings)),
    tick: () => serially(tick),
    sensors: () => [...live.keys()].sort(),
    groups: () => [...groups.keys()].sort(),
  };
}
