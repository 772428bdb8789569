// `#/use-cases/{id}/models`: the versions, one version's card, curves and SHAP, metric history, a two-version comparison and the sensor-robustness table.
import { useState } from 'react';
import type { ModelVersion, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ModelCardPanel } from '../components/model-card-panel.js';
import { ModelComparePanel } from '../components/model-compare-panel.js';
import { ModelEvaluationPanel } from '../components/model-evaluation-panel.js';
import { ModelHistoryChart } from '../components/model-history-chart.js';
import { ModelNav } from '../components/model-nav.js';
import { ModelRobustnessTable } from '../components/model-robustness-table.js';
import { ModelVersionsTable } from '../components/model-versions-table.js';
import { findChampion } from '../use-case-facts.js';
import { useLoad } from '../use-load.js';

interface ModelsData {
  useCase: UseCase;
  versions: ModelVersion[];
}

export function ModelsPage({ useCaseId }: { useCaseId: string }) {
  const api = useApi();
  const load = useLoad<ModelsData>(
    async (signal) => {
      const [useCase, versions] = await Promise.all([api.getUseCase(useCaseId, signal), api.listModels(useCaseId, signal)]);
      return { useCase, versions };
    },
    [api, useCaseId],
  );
  return (
    <>
      <ModelNav useCaseId={useCaseId} current="models" />
      {load.state === 'loading' && <p aria-live="polite">Loading the models…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading the models" testId="models-error" />}
      {load.state === 'ready' && <ModelsView {...load.data} />}
    </>
  );
}

function ModelsView({ useCase, versions }: ModelsData) {
  const [selectedId, setSelectedId] = useState(() => (findChampion(useCase, versions) ?? versions[0])?.id ?? '');
  const selected = versions.find((v) => v.id === selectedId);
  return (
    <article data-testid="models-page">
      <h1>Models: {useCase.name}</h1>
      {versions.length === 0 ? (
        <p className="notice notice-warning" data-testid="no-models">
          No version trained yet. Train one with <code>shopfloor train {useCase.id}</code>.
        </p>
      ) : (
        <>
          <ModelVersionsTable useCase={useCase} versions={versions} selectedId={selectedId} onSelect={setSelectedId} />
          {selected !== undefined && (
            <>
              <ModelCardPanel key={`card-${selected.id}`} useCase={useCase} versionId={selected.id} />
              <ModelEvaluationPanel key={`eval-${selected.id}`} useCase={useCase} version={selected} />
              <ModelRobustnessTable key={`rob-${selected.id}`} useCaseId={useCase.id} versionId={selected.id} />
            </>
          )}
          <ModelHistoryChart useCase={useCase} />
          <ModelComparePanel useCase={useCase} versions={versions} />
        </>
      )}
    </article>
  );
}
