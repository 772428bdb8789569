// The trust report over a use case's dataset version: its sensor features (those with a sensorId), in time order, per entity.
//
// Time of a row: the use case's timeColumn when it is a timestamp; a numeric timeColumn (a cycle or
// sample counter) times the shortest sample period of the sensors; without one, the row number times
// that period (rows are read as consecutive samples). With an entityColumn, each entity (a machine, an
// engine) is its own series with its own baselines, fitted on the first referenceFraction of its rows.
import { ShopfloorError, type SensorSpec, type SensorTrustReport, type TrustReport, type UseCaseTrustReportQuery } from '@shopfloor/contracts';
import { loadDatasetTable, type TypedColumn, type TypedTable } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { trustFindings, type SensorFindings, type SensorSeries } from '../trust/index.js';
import { loadUseCase } from '../use-cases/index.js';
import { combineReports, sensorReport, specsOf } from './report-shape.js';

function column(table: TypedTable, name: string): TypedColumn {
  const c = table.columns.find((x) => x.name === name);
  if (c === undefined) throw new ShopfloorError('DATASET_COLUMN_MISSING', `The dataset has no column "${name}"`, { column: name });
  return c;
}

function rowTimes(table: TypedTable, timeColumn: string | undefined, period: number): Float64Array {
  if (timeColumn === undefined) return Float64Array.from({ length: table.rows }, (_, r) => r * period);
  const c = column(table, timeColumn);
  if (c.kind === 'timestamp') return c.values;
  if (c.kind === 'numeric') return Float64Array.from(c.values, (v) => v * period);
  throw new ShopfloorError('TRUST_REPORT_INVALID', `The time column "${timeColumn}" is ${c.kind}, neither a timestamp nor a sample counter`, { column: timeColumn });
}

/** Row indexes per entity (in first-seen order); one group of every row without an entity column. */
function entityRows(table: TypedTable, entityColumn: string | undefined): Map<string | undefined, number[]> {
  const groups = new Map<string | undefined, number[]>();
  const key = (r: number): string | undefined => {
    if (entityColumn === undefined) return undefined;
    const c = column(table, entityColumn);
    if (c.kind === 'categorical') return c.codes[r]! < 0 ? '' : c.levels[c.codes[r]!]!;
    if (c.kind === 'id') return c.values[r] ?? '';
    return String(c.values[r]);
  };
  for (let r = 0; r < table.rows; r++) {
    const k = key(r);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [r]);
    else list.push(r);
  }
  return groups;
}

function noRows(sensor: string): SensorFindings {
  return { sensor, checked: false, readings: 0, referenceReadings: 0, affectedReadings: 0, issueCounts: {}, issues: [], ranges: [], health: 'untrusted', notes: ['no row has a time'] };
}

export async function useCaseTrustReport(store: Store, useCaseId: string, query: UseCaseTrustReportQuery): Promise<TrustReport> {
  const { useCase } = await loadUseCase(store, useCaseId);
  const features = useCase.features.filter((f): f is typeof f & { sensorId: string } => f.sensorId !== undefined);
  if (features.length === 0) {
    throw new ShopfloorError('TRUST_REPORT_INVALID', `Use case ${useCaseId} has no feature with a sensorId: name the sensor behind each sensor feature`, { useCaseId, field: 'features' });
  }
  const specs: SensorSpec[] = await specsOf(store, [...new Set(features.map((f) => f.sensorId))]);
  const { table } = await loadDatasetTable(store, useCase.datasetVersionId);
  const values = new Map<string, Float64Array>();
  for (const f of features) {
    const c = column(table, f.name);
    if (c.kind !== 'numeric') throw new ShopfloorError('TRUST_REPORT_INVALID', `Feature "${f.name}" (sensor ${f.sensorId}) is ${c.kind}, not numeric readings`, { feature: f.name, sensor: f.sensorId });
    if (!values.has(f.sensorId)) values.set(f.sensorId, c.values);
  }
  const period = Math.min(...specs.map((s) => s.samplePeriodMs));
  const times = rowTimes(table, useCase.timeColumn, period);
  const parts = new Map<string, SensorTrustReport[]>(specs.map((s) => [s.id, []]));
  for (const [entity, rows] of entityRows(table, useCase.entityColumn)) {
    const ordered = rows.filter((r) => Number.isFinite(times[r]!)).sort((a, b) => times[a]! - times[b]! || a - b);
    if (ordered.length === 0) continue;
    const cut = times[ordered[Math.min(ordered.length - 1, Math.floor(query.referenceFraction * ordered.length))]!]!;
    const series: SensorSeries[] = specs.map((s) => {
      const v = values.get(s.id)!;
      const kept = ordered.filter((r) => Number.isFinite(v[r]!));
      return { sensor: s.id, times: Float64Array.from(kept, (r) => times[r]!), values: Float64Array.from(kept, (r) => v[r]!) };
    });
    const findings = trustFindings(specs, series, cut);
    specs.forEach((spec, i) => {
      const feature = features.find((f) => f.sensorId === spec.id)!.name;
      parts.get(spec.id)!.push(sensorReport(spec, findings[i]!, { feature, ...(entity === undefined ? {} : { entity }) }));
    });
  }
  return {
    source: { kind: 'use-case', useCaseId, datasetVersionId: useCase.datasetVersionId, timeColumn: useCase.timeColumn ?? null, entityColumn: useCase.entityColumn ?? null },
    reference: `Baselines fitted on the first ${Math.round(query.referenceFraction * 100)}% of each ${useCase.entityColumn === undefined ? 'series' : `${useCase.entityColumn}'s series`} in time order; the checks ran over every row.`,
    referenceFraction: query.referenceFraction,
    sensors: specs.map((s) => (parts.get(s.id)!.length > 0 ? combineReports(parts.get(s.id)!) : sensorReport(s, noRows(s.id)))),
  };
}
