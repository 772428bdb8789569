// `#/data`: dataset versions with their schema and column statistics, and the registered sensors with a way into their traces.
import { useState } from 'react';
import type { DatasetColumn, DatasetVersion, Sensor } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatNumber } from '../format.js';
import { hrefFor } from '../routes.js';
import { listDatasets, listSensors } from '../trace-api.js';
import { useLoad } from '../use-load.js';

export function DataPage() {
  return (
    <section>
      <h1>Data</h1>
      <SensorsPanel />
      <DatasetsPanel />
    </section>
  );
}

function SensorsPanel() {
  const api = useApi();
  const load = useLoad<Sensor[]>((signal) => listSensors(api, signal), [api]);
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (id: string): void => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  return (
    <section className="panel" aria-labelledby="sensors-heading">
      <h2 id="sensors-heading">Sensors</h2>
      {load.state === 'loading' && <p aria-live="polite">Loading sensors…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading the sensors" />}
      {load.state === 'ready' && load.data.length === 0 && (
        <p className="muted">No sensor is registered yet: register them with POST /api/v1/sensors, then import readings.</p>
      )}
      {load.state === 'ready' && load.data.length > 0 && (
        <>
          <p className="hint">Open one sensor's trace, or tick several on one asset and open them together to label a span across channels.</p>
          <table className="data-table" data-testid="sensor-list">
            <thead>
              <tr>
                <th scope="col">Plot together</th>
                <th scope="col">Sensor</th>
                <th scope="col">Asset</th>
                <th scope="col">Unit</th>
                <th scope="col" className="numeric">Range</th>
                <th scope="col" className="numeric">Sample period</th>
              </tr>
            </thead>
            <tbody>
              {load.data.map(({ spec }) => (
                <tr key={spec.id} data-testid="sensor-row">
                  <td>
                    <label className="checkbox-inline">
                      <input type="checkbox" checked={chosen.includes(spec.id)} onChange={() => toggle(spec.id)} />
                      <span className="visually-hidden">Plot {spec.id} together with the other ticked sensors</span>
                    </label>
                  </td>
                  <td>
                    <a href={hrefFor({ page: 'trace', sensors: [spec.id], useCaseId: null })} data-testid="sensor-trace-link">
                      {spec.id}
                    </a>
                  </td>
                  <td>{spec.asset}</td>
                  <td>{spec.unit}</td>
                  <td className="numeric">
                    {formatNumber(spec.min)} … {formatNumber(spec.max)}
                  </td>
                  <td className="numeric">{formatNumber(spec.samplePeriodMs / 1000, 3)} s</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {chosen.length > 0 ? (
              <a className="button-link" href={hrefFor({ page: 'trace', sensors: chosen, useCaseId: null })} data-testid="open-chosen-traces">
                Plot {chosen.length} ticked sensor{chosen.length === 1 ? '' : 's'} together
              </a>
            ) : (
              <span className="muted">Tick sensors to plot them together.</span>
            )}
          </p>
        </>
      )}
    </section>
  );
}

function DatasetsPanel() {
  const api = useApi();
  const load = useLoad<DatasetVersion[]>((signal) => listDatasets(api, signal), [api]);
  return (
    <section className="panel" aria-labelledby="datasets-heading">
      <h2 id="datasets-heading">Datasets</h2>
      {load.state === 'loading' && <p aria-live="polite">Loading datasets…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading the datasets" />}
      {load.state === 'ready' && load.data.length === 0 && <p className="muted">No dataset imported yet: shopfloor import FILE, or POST /api/v1/datasets.</p>}
      {load.state === 'ready' &&
        load.data.map((version) => <DatasetVersionPanel key={version.id} version={version} />)}
    </section>
  );
}

function DatasetVersionPanel({ version }: { version: DatasetVersion }) {
  return (
    <details className="dataset" data-testid="dataset-version">
      <summary>
        <strong>{version.datasetName}</strong> <span className="muted">({version.fileName}, {version.format})</span> ·{' '}
        {formatNumber(version.rowCount)} rows · {version.columns.length} columns · imported {version.createdAt.slice(0, 16).replace('T', ' ')} UTC
        <span className="hint"> version {version.id.slice(0, 12)}</span>
      </summary>
      <table className="data-table" data-testid="dataset-columns">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Kind</th>
            <th scope="col" className="numeric">Missing</th>
            <th scope="col" className="numeric">Min</th>
            <th scope="col" className="numeric">Median</th>
            <th scope="col" className="numeric">Max</th>
            <th scope="col" className="numeric">Mean ± std</th>
            <th scope="col">Levels</th>
          </tr>
        </thead>
        <tbody>
          {version.columns.map((column) => (
            <ColumnRow key={column.name} column={column} rows={version.rowCount} />
          ))}
        </tbody>
      </table>
    </details>
  );
}

const num = (v: number | undefined): string => (v === undefined ? '–' : formatNumber(v, 3));
/** Timestamp statistics are epoch ms: shown as UTC times. */
const instant = (v: number | undefined): string => (v === undefined ? '–' : new Date(v).toISOString().replace('T', ' ').replace(/(:00)?\.000Z$/, '') + ' UTC');

function ColumnRow({ column, rows }: { column: DatasetColumn; rows: number }) {
  const s = column.stats;
  const value = column.kind === 'timestamp' ? instant : num;
  const levels = s.levels?.slice(0, 5).map((l) => `${l.value} (${formatNumber(l.count)})`).join(', ');
  return (
    <tr data-testid="dataset-column">
      <th scope="row">{column.name}</th>
      <td>
        {column.kind}
        {column.kind !== column.inferred && <span className="hint"> (inferred {column.inferred})</span>}
      </td>
      <td className={`numeric ${s.missing > 0 ? 'text-bad' : ''}`}>
        {formatNumber(s.missing)}
        {rows > 0 && s.missing > 0 && <span className="hint"> ({formatNumber((100 * s.missing) / rows, 1)} %)</span>}
      </td>
      <td className="numeric">{value(s.min)}</td>
      <td className="numeric">{value(s.quantiles?.['p50'])}</td>
      <td className="numeric">{value(s.max)}</td>
      <td className="numeric">{s.mean === undefined || column.kind === 'timestamp' ? '–' : s.std === undefined ? num(s.mean) : `${num(s.mean)} ± ${num(s.std)}`}</td>
      <td>
        {levels ?? (s.distinct !== undefined ? `${formatNumber(s.distinct)} distinct` : '–')}
        {s.levels !== undefined && s.levels.length > 5 && <span className="hint"> and {s.levels.length - 5} more</span>}
      </td>
    </tr>
  );
}
