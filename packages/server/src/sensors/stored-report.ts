// The trust report over a stored time range of a set of sensors.
import { ShopfloorError, type TrustReport, type TrustReportQuery } from '@shopfloor/contracts';
import { loadTimeZone } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { trustFindings, type SensorSeries } from '../trust/index.js';
import { readingTime } from './reading-time.js';
import { sensorReport, specsOf } from './report-shape.js';

/** Most readings one report reads into memory (16 bytes each, plus the checks' state). */
export const MAX_REPORT_READINGS = 5_000_000;

function invalid(message: string, details: Record<string, unknown>): ShopfloorError {
  return new ShopfloorError('TRUST_REPORT_INVALID', message, details);
}

function instant(text: string, field: string, zone: ReturnType<typeof loadTimeZone>): number {
  const t = readingTime(/^\d+$/.test(text.trim()) ? Number(text) : text, zone, Number.NaN);
  if (!t.ok) throw invalid(`${field}: ${t.message}`, { field, received: text });
  return t.time;
}

const iso = (t: number): string => new Date(t).toISOString();

/**
 * Baselines are fitted on the first `referenceFraction` of the range by time (from .. cut), which the
 * engineer chooses to be a stretch the plant ran normally; the checks then run over the whole range.
 */
export async function storedTrustReport(deps: { store: Store; siteTimeZone: string }, query: TrustReportQuery): Promise<TrustReport> {
  const zone = loadTimeZone(deps.siteTimeZone);
  const from = instant(query.from, 'from', zone);
  const to = instant(query.to, 'to', zone);
  if (!(to > from)) throw invalid(`The range is empty: to (${iso(to)}) must be after from (${iso(from)})`, { field: 'to', from: iso(from), to: iso(to) });
  const asked = (query.sensors ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const ids = asked.length > 0 ? [...new Set(asked)] : (await deps.store.sensors.list()).map((r) => r.spec.id);
  if (ids.length === 0) throw invalid('No sensor is registered: register sensors first (POST /api/v1/sensors)', { field: 'sensors' });
  const specs = await specsOf(deps.store, ids);
  const total = await deps.store.readings.count(ids, from, to);
  if (total > MAX_REPORT_READINGS) {
    throw invalid(`The range holds ${total} readings, over the ${MAX_REPORT_READINGS} one report reads: choose a shorter range or fewer sensors`, { readings: total, limit: MAX_REPORT_READINGS });
  }
  const series: SensorSeries[] = [];
  for (const id of ids) series.push({ sensor: id, ...(await deps.store.readings.range(id, from, to)) });
  const cut = from + query.referenceFraction * (to - from);
  const findings = trustFindings(specs, series, cut);
  return {
    source: { kind: 'stored', from, to },
    reference: `Baselines fitted on each sensor's readings from ${iso(from)} to before ${iso(cut)} (the first ${Math.round(query.referenceFraction * 100)}% of the range); the checks ran over the whole range.`,
    referenceFraction: query.referenceFraction,
    sensors: specs.map((spec, i) => sensorReport(spec, findings[i]!)),
  };
}
