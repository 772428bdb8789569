// Metric history across versions: one held-out metric (chosen by the engineer) per version, oldest first, with the values in a table.
import { useId, useState } from 'react';
import type { MetricsHistory, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { formatNumber } from '../format.js';
import { useLoad } from '../use-load.js';
import { extent } from './chart-scale.js';
import { XyChart } from './chart-xy.js';
import { ErrorNotice } from './error-notice.js';

const METRIC_NAMES: Record<string, string> = {
  auc: 'AUC',
  prAuc: 'PR AUC',
  logLoss: 'Log loss',
  accuracy: 'Accuracy',
  f1: 'F1',
  rmse: 'RMSE',
  mae: 'MAE',
  expectedCostPer1000: 'Cost per 1,000 predictions',
  baselineCostPer1000: 'Cost per 1,000 without a model',
  trainSeconds: 'Training seconds',
  nTrain: 'Training rows',
  nTest: 'Test rows',
};

export function ModelHistoryChart({ useCase }: { useCase: UseCase }) {
  const api = useApi();
  const load = useLoad<MetricsHistory>((signal) => api.metricsHistory(useCase.id, signal), [api, useCase.id]);
  return (
    <section className="panel" aria-labelledby="history-heading" data-testid="metric-history">
      <h2 id="history-heading">Metric history</h2>
      {load.state === 'loading' && <p aria-live="polite">Loading the metric history…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading the metric history" />}
      {load.state === 'ready' && <History history={load.data} defaultMetric={useCase.task === 'regression' ? 'rmse' : useCase.task === 'binary' ? 'auc' : 'accuracy'} />}
    </section>
  );
}

function History({ history, defaultMetric }: { history: MetricsHistory; defaultMetric: string }) {
  const selectId = useId();
  const names = history.metrics.filter((m) => m !== 'nTrain' && m !== 'nTest');
  const [metric, setMetric] = useState(names.includes(defaultMetric) ? defaultMetric : (names[0] ?? 'expectedCostPer1000'));
  const valueOf = (m: Record<string, unknown>): number | undefined => (typeof m[metric] === 'number' ? (m[metric] as number) : undefined);
  const points = history.versions.flatMap((v) => {
    const value = valueOf(v.metrics);
    return value === undefined ? [] : [{ x: v.version, y: value }];
  });
  const label = METRIC_NAMES[metric] ?? metric;
  const versions = history.versions.map((v) => v.version);
  return (
    <>
      <div className="field inline-field">
        <label htmlFor={selectId}>Metric</label>
        <select id={selectId} value={metric} onChange={(event) => setMetric(event.target.value)}>
          {names.map((m) => (
            <option key={m} value={m}>
              {METRIC_NAMES[m] ?? m}
            </option>
          ))}
        </select>
      </div>
      <div className="chart-grid-layout">
        <XyChart
          testId="chart-history"
          title={`${label} by version`}
          summary={points.map((p) => `v${p.x}: ${formatNumber(p.y, 3)}`).join('; ')}
          xLabel="Version"
          yLabel={label}
          xDomain={versions.length < 2 ? [Math.min(...versions, 1) - 1, Math.max(...versions, 1) + 1] : [Math.min(...versions), Math.max(...versions)]}
          yDomain={extent(points.map((p) => p.y), 0.1)}
          series={[
            { label, kind: 'line', points, color: '#0b57d0' },
            { label: 'versions', kind: 'dots', points, color: '#0b57d0', radius: 5 },
          ]}
          formatX={(v) => (Number.isInteger(v) ? `v${v}` : '')}
        />
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Aliases</th>
              <th scope="col" className="numeric">
                {label}
              </th>
              <th scope="col">Dataset version</th>
            </tr>
          </thead>
          <tbody>
            {history.versions.map((v) => {
              const value = valueOf(v.metrics);
              return (
                <tr key={v.modelVersionId}>
                  <th scope="row">v{v.version}</th>
                  <td>{v.aliases.join(', ')}</td>
                  <td className="numeric">{value === undefined ? '–' : formatNumber(value, 4)}</td>
                  <td>
                    <code>{v.datasetVersionId.slice(0, 12)}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
