// `#/`: every use case with its task, champion version and expected saving per 1,000 predictions.
import type { ModelVersion, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatMoney } from '../format.js';
import { hrefFor } from '../routes.js';
import { findChampion, savingPer1000, taskName } from '../use-case-facts.js';
import { useLoad } from '../use-load.js';

interface UseCaseRow {
  useCase: UseCase;
  champion: ModelVersion | null;
}

export function UseCaseList() {
  const api = useApi();
  const load = useLoad<UseCaseRow[]>(
    async (signal) => {
      const useCases = await api.listUseCases(signal);
      // One request per use case for its versions: fine for a plant's handful of use cases.
      return Promise.all(
        useCases.map(async (useCase) => ({
          useCase,
          champion: useCase.championVersionId === null ? null : findChampion(useCase, await api.listModels(useCase.id, signal)),
        })),
      );
    },
    [api],
  );

  return (
    <section>
      <h1>Use cases</h1>
      {load.state === 'loading' && <p aria-live="polite">Loading use cases…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading the use cases" />}
      {load.state === 'ready' && load.data.length === 0 && (
        <p className="panel">
          No use case yet. Create one with <code>shopfloor use-case create</code>, or run <code>shopfloor demo</code>.
        </p>
      )}
      {load.state === 'ready' && load.data.length > 0 && (
        <table className="use-case-table" data-testid="use-case-list">
          <thead>
            <tr>
              <th scope="col">Use case</th>
              <th scope="col">Task</th>
              <th scope="col">Champion</th>
              <th scope="col" className="numeric">
                Expected saving per 1,000 predictions
              </th>
            </tr>
          </thead>
          <tbody>
            {load.data.map(({ useCase, champion }) => (
              <UseCaseListRow key={useCase.id} useCase={useCase} champion={champion} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UseCaseListRow({ useCase, champion }: UseCaseRow) {
  const saving = champion === null ? null : savingPer1000(champion.metrics);
  return (
    <tr data-testid="use-case-row" data-use-case-id={useCase.id}>
      <td>
        <a href={hrefFor({ page: 'use-case', useCaseId: useCase.id })}>{useCase.name}</a>
        {useCase.decision !== '' && <div className="hint">{useCase.decision}</div>}
      </td>
      <td>{taskName(useCase.task)}</td>
      <td>{champion === null ? <span className="muted">none yet</span> : `v${champion.version}`}</td>
      <td className={`numeric ${saving !== null && saving < 0 ? 'text-bad' : ''}`}>
        {saving === null ? <span className="muted">–</span> : formatMoney(saving, useCase.costs.currency, 0)}
      </td>
    </tr>
  );
}
