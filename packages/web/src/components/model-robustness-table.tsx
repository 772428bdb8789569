// The sensor-robustness table of a version: per sensor and failure mode, how much the cost per 1,000 rises when that sensor fails.
import type { RobustnessRecord } from '@shopfloor/contracts';
import { ApiError } from '../api.js';
import { useApi } from '../api-context.js';
import { formatDateTime, formatMoney, formatPercent } from '../format.js';
import { useLoad } from '../use-load.js';
import { ErrorNotice } from './error-notice.js';

export function ModelRobustnessTable({ useCaseId, versionId }: { useCaseId: string; versionId: string }) {
  const api = useApi();
  const load = useLoad<RobustnessRecord | null>(
    async (signal) => {
      try {
        return await api.robustness(useCaseId, versionId, signal);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'ROBUSTNESS_NOT_FOUND') return null;
        throw e;
      }
    },
    [api, useCaseId, versionId],
  );
  return (
    <section className="panel" aria-labelledby="robustness-heading" data-testid="robustness-table">
      <h2 id="robustness-heading">When a sensor fails</h2>
      {load.state === 'loading' && <p aria-live="polite">Loading the sensor-robustness record…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading sensor robustness" />}
      {load.state === 'ready' && load.data === null && (
        <p className="notice notice-warning" data-testid="robustness-missing">
          Not assessed yet: run <code>shopfloor models robustness {useCaseId} --run</code>.
        </p>
      )}
      {load.state === 'ready' && load.data !== null && <RobustnessRows record={load.data} />}
    </section>
  );
}

function RobustnessRows({ record }: { record: RobustnessRecord }) {
  const modes = record.sensors[0]?.modes.map((m) => m.mode) ?? [];
  return (
    <>
      <p className="hint">
        The benchmark ({record.set.rows} rows) replayed with each sensor failed in turn; healthy cost {formatMoney(record.baseline.costPer1000, record.currency, 0)} per
        1,000. Assessed {formatDateTime(record.createdAt)} (seed {record.seed}). Most critical first.
      </p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Sensor</th>
            {modes.map((m) => (
              <th scope="col" key={m} className="numeric">
                {m}
              </th>
            ))}
            <th scope="col">Worst case</th>
          </tr>
        </thead>
        <tbody>
          {record.sensors.map((s) => (
            <tr key={s.feature} data-testid="robustness-row">
              <td>{s.rank}</td>
              <th scope="row">
                {s.feature}
                {s.sensorId !== null && <span className="hint"> {s.sensorId}</span>}
              </th>
              {s.modes.map((m) => (
                <td key={m.mode} className={`numeric${m.costPer1000Change > 0 ? ' cell-costly' : ''}`} title={m.description}>
                  <span className="nowrap">
                    {m.costPer1000Change >= 0 ? '+' : '−'}
                    {formatMoney(Math.abs(m.costPer1000Change), record.currency, 0)}
                  </span>
                  <span className="hint nowrap"> {formatPercent(m.decisionsChanged)} flipped</span>
                </td>
              ))}
              <td>{s.finding}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Cells: change of the cost per 1,000 predictions, and the share of decisions that change.</p>
    </>
  );
}
