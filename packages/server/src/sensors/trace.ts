// One sensor's trace over a window: min/max per pixel column aggregated by the store, plus the trust findings as spans.
import { ShopfloorError, encodeTrace, type SensorTraceQuery, type TraceTrailer } from '@shopfloor/contracts';
import { loadTimeZone } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { readingTime } from './reading-time.js';
import { specsOf } from './report-shape.js';
import { MAX_REPORT_READINGS, storedTrustReport } from './stored-report.js';

/** Longest window (ms): 1,000 years keeps (time - from) * width under 2^63 in the bucket query for any width. */
const MAX_WINDOW_MS = 1000 * 366 * 86_400_000;

function invalid(message: string, details: Record<string, unknown>): ShopfloorError {
  return new ShopfloorError('SENSOR_TRACE_INVALID', message, details);
}

function instant(text: string, field: string, zone: ReturnType<typeof loadTimeZone>): number {
  const t = readingTime(/^-?\d+$/.test(text.trim()) ? Number(text) : text, zone, Number.NaN);
  if (!t.ok) throw invalid(`${field}: ${t.message}`, { field, received: text });
  return t.time;
}

const iso = (t: number): string => new Date(t).toISOString();

/** The window to show: as asked, else the sensor's readings from first to last (one hour from now when it has none). */
async function windowOf(store: Store, sensor: string, query: SensorTraceQuery, zone: ReturnType<typeof loadTimeZone>, now: number) {
  const extent = query.from === undefined || query.to === undefined ? await store.readings.extent(sensor) : null;
  const from = query.from !== undefined ? instant(query.from, 'from', zone) : (extent?.first ?? now - 3_600_000);
  let to = query.to !== undefined ? instant(query.to, 'to', zone) : (extent?.last ?? now);
  // A sensor with a single reading still gets a window one sample wide.
  if (query.to === undefined && to <= from) to = from + 1;
  if (!(to > from)) throw invalid(`The window is empty: to (${iso(to)}) must be after from (${iso(from)})`, { field: 'to', from: iso(from), to: iso(to) });
  if (to - from > MAX_WINDOW_MS) throw invalid('The window is longer than 1,000 years', { field: 'to', from: iso(from), to: iso(to) });
  return { from, to };
}

async function findingsOf(
  deps: { store: Store; siteTimeZone: string },
  sensor: string,
  from: number,
  to: number,
  readings: number,
  referenceFraction: number,
): Promise<TraceTrailer['findings']> {
  if (readings > MAX_REPORT_READINGS) {
    return { checked: false, health: 'trusted', spans: [], notes: [`The window holds ${readings} readings, over the ${MAX_REPORT_READINGS} the checks read at once: zoom in to see findings`] };
  }
  const report = await storedTrustReport(deps, { from: String(from), to: String(to), sensors: sensor, referenceFraction });
  const r = report.sensors[0]!;
  return {
    checked: r.checked,
    health: r.health,
    spans: r.issues.map((i) => ({ code: i.code, severity: i.severity, from: i.from, to: i.to ?? to, message: i.message })),
    notes: r.notes,
  };
}

/**
 * The encoded trace (see TRACE layout in @shopfloor/contracts). One aggregate query over the
 * (sensor_id, time) key gives min/max/count per bucket; the trust checks read the raw readings only
 * when `findings` is asked for. SENSOR_NOT_FOUND, SENSOR_TRACE_INVALID.
 */
export async function sensorTrace(
  deps: { store: Store; siteTimeZone: string; now: number },
  sensor: string,
  query: SensorTraceQuery,
): Promise<Uint8Array> {
  const [spec] = await specsOf(deps.store, [sensor]);
  const zone = loadTimeZone(deps.siteTimeZone);
  const { from, to } = await windowOf(deps.store, sensor, query, zone, deps.now);
  const b = await deps.store.readings.buckets(sensor, from, to, query.width);
  const bucketMs = (to - from + 1) / query.width;
  const starts = Array.from(b.index, (i) => from + i * bucketMs);
  const readings = b.count.reduce((a, n) => a + n, 0);
  const findings = query.findings ? await findingsOf(deps, sensor, from, to, readings, query.referenceFraction) : null;
  return encodeTrace({ from, to, bucketMs, readings, starts, min: b.min, max: b.max, count: b.count, trailer: { sensor, unit: spec!.unit, findings } });
}
