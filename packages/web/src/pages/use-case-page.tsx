// `#/use-cases/{id}`: the decision in plant words, the money (outcome costs, expected saving), the champion's card, the prediction form and its answer.
import { useState } from 'react';
import type { ModelVersion, Prediction, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { MetricsPanel } from '../components/metrics-panel.js';
import { ModelMoneyPanel } from '../components/model-money-panel.js';
import { ModelNav } from '../components/model-nav.js';
import { PredictForm } from '../components/predict-form.js';
import { PredictionResult } from '../components/prediction-result.js';
import { findChampion, taskName } from '../use-case-facts.js';
import { useLoad } from '../use-load.js';

interface UseCaseData {
  useCase: UseCase;
  champion: ModelVersion | null;
  versions: number;
}

export function UseCasePage({ useCaseId }: { useCaseId: string }) {
  const api = useApi();
  const load = useLoad<UseCaseData>(
    async (signal) => {
      const [useCase, models] = await Promise.all([api.getUseCase(useCaseId, signal), api.listModels(useCaseId, signal)]);
      return { useCase, champion: findChampion(useCase, models), versions: models.length };
    },
    [api, useCaseId],
  );

  return (
    <>
      <ModelNav useCaseId={useCaseId} current="use-case" />
      {load.state === 'loading' && <p aria-live="polite">Loading the use case…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading the use case" testId="use-case-error" />}
      {load.state === 'ready' && <UseCaseView {...load.data} />}
    </>
  );
}

function UseCaseView({ useCase, champion, versions }: UseCaseData) {
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [stale, setStale] = useState(false);

  return (
    <article className="use-case" data-testid="use-case-page" data-use-case-id={useCase.id}>
      <header className="use-case-header">
        <h1>{useCase.name}</h1>
        <p className="use-case-decision" data-testid="use-case-decision">
          {useCase.decision !== '' ? useCase.decision : `Predicts ${useCase.target}.`}
        </p>
        <p className="hint">
          {taskName(useCase.task)} · target <strong>{useCase.target}</strong> · costs in {useCase.costs.currency} ·{' '}
          {versions} model version{versions === 1 ? '' : 's'}
        </p>
      </header>
      <ModelMoneyPanel useCase={useCase} champion={champion} />
      {champion === null ? (
        <p className="notice notice-warning" data-testid="no-champion">
          No champion model yet: no trained version has beaten running without a model. Train one with{' '}
          <code>shopfloor train {useCase.id}</code>.
        </p>
      ) : (
        <>
          <MetricsPanel useCase={useCase} champion={champion} />
          <div className="predict-layout">
            <PredictForm
              useCase={useCase}
              onResult={(next) => {
                setPrediction(next);
                setStale(false);
              }}
              onEdit={() => setStale(true)}
            />
            {prediction !== null ? (
              <PredictionResult useCase={useCase} prediction={prediction} stale={stale} />
            ) : (
              <section className="panel prediction-empty">
                <h2>Answer</h2>
                <p>Set the readings and press Predict. The form starts at the training medians.</p>
              </section>
            )}
          </div>
        </>
      )}
    </article>
  );
}
