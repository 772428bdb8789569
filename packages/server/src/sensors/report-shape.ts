// Shapes the trust stage's per-sensor findings into the report contract (share of readings affected, entity tags).
import type { SensorSpec, SensorTrustReport } from '@shopfloor/contracts';
import { ShopfloorError } from '@shopfloor/contracts';
import type { SensorFindings } from '../trust/index.js';
import type { Repositories } from '../store/index.js';

export function sensorReport(spec: SensorSpec, f: SensorFindings, extra: { feature?: string; entity?: string } = {}): SensorTrustReport {
  const tag = extra.entity === undefined ? {} : { entity: extra.entity };
  return {
    sensor: spec.id,
    asset: spec.asset,
    unit: spec.unit,
    ...(extra.feature === undefined ? {} : { feature: extra.feature }),
    checked: f.checked,
    readings: f.readings,
    referenceReadings: f.referenceReadings,
    affectedReadings: f.affectedReadings,
    affectedShare: f.readings === 0 ? 0 : f.affectedReadings / f.readings,
    issueCounts: f.issueCounts,
    issues: f.issues.map((i) => ({ ...i, ...tag })),
    ranges: f.ranges.map((r) => ({ ...r, ...tag })),
    health: f.health,
    notes: extra.entity === undefined ? f.notes : f.notes.map((n) => `${extra.entity}: ${n}`),
  };
}

const WORST = { trusted: 0, suspect: 1, untrusted: 2 } as const;

/** One sensor's reports over several entities as one: counts added, lists joined, the worst health. */
export function combineReports(parts: readonly SensorTrustReport[]): SensorTrustReport {
  const first = parts[0]!;
  const sum = (k: 'readings' | 'referenceReadings' | 'affectedReadings'): number => parts.reduce((a, p) => a + p[k], 0);
  const counts: Record<string, number> = {};
  for (const p of parts) for (const [code, n] of Object.entries(p.issueCounts)) counts[code] = (counts[code] ?? 0) + n;
  const readings = sum('readings');
  return {
    ...first,
    checked: parts.some((p) => p.checked),
    readings,
    referenceReadings: sum('referenceReadings'),
    affectedReadings: sum('affectedReadings'),
    affectedShare: readings === 0 ? 0 : sum('affectedReadings') / readings,
    issueCounts: counts,
    issues: parts.flatMap((p) => p.issues),
    ranges: parts.flatMap((p) => p.ranges),
    health: parts.reduce((w, p) => (WORST[p.health] > WORST[w] ? p.health : w), first.health),
    notes: parts.flatMap((p) => p.notes),
  };
}

/** The registered specs of these ids, in the order given; SENSOR_NOT_FOUND naming every unknown one. */
export async function specsOf(repos: Repositories, ids: readonly string[]): Promise<SensorSpec[]> {
  const found = new Map((await repos.sensors.list(ids)).map((r) => [r.spec.id, r.spec]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ShopfloorError('SENSOR_NOT_FOUND', `No sensor is registered as ${missing.map((m) => `"${m}"`).join(', ')}`, { sensors: missing });
  }
  return ids.map((id) => found.get(id)!);
}
