// Every version of a use case, newest first: aliases, held-out quality and cost, and a button to look at one.
import type { ModelVersion, UseCase } from '@shopfloor/contracts';
import { formatDateTime, formatMoney, formatNumber } from '../format.js';

export interface ModelVersionsTableProps {
  useCase: UseCase;
  versions: readonly ModelVersion[];
  selectedId: string;
  onSelect: (id: string) => void;
}

export function ModelVersionsTable({ useCase, versions, selectedId, onSelect }: ModelVersionsTableProps) {
  const quality = useCase.task === 'regression' ? 'RMSE' : useCase.task === 'binary' ? 'AUC' : 'Accuracy';
  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <table className="data-table" data-testid="model-versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Aliases</th>
            <th scope="col">Trained</th>
            <th scope="col" className="numeric">
              {quality}
            </th>
            <th scope="col" className="numeric">
              Cost per 1,000
            </th>
            <th scope="col">
              <span className="visually-hidden">Show</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const value = useCase.task === 'regression' ? v.metrics.rmse : useCase.task === 'binary' ? v.metrics.auc : v.metrics.accuracy;
            const selected = v.id === selectedId;
            return (
              <tr key={v.id} className={selected ? 'row-selected' : undefined} data-testid="model-version-row">
                <th scope="row">v{v.version}</th>
                <td>{v.aliases.length === 0 ? <span className="muted">none</span> : v.aliases.map((a) => <span key={a} className={`badge badge-${a}`}>{a}</span>)}</td>
                <td>
                  {formatDateTime(v.createdAt)} <span className="hint">by {v.createdBy}</span>
                </td>
                <td className="numeric">{value === undefined ? '–' : formatNumber(value, 3)}</td>
                <td className="numeric">{formatMoney(v.metrics.expectedCostPer1000, useCase.costs.currency, 0)}</td>
                <td>
                  <button type="button" className="button-quiet" aria-pressed={selected} onClick={() => onSelect(v.id)} data-testid={`show-version-${v.version}`}>
                    {selected ? 'Shown' : `Show v${v.version}`}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
