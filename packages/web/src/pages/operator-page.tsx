// `#/use-cases/{id}/operator[?entity=asset]`: the latest predictions of a use case (or one asset), live, with explanations, sensor health and the operator's actions.
import { useMemo, useState, type FormEvent } from 'react';
import type { Alert, LoggedPrediction, SensorHealthEntry, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ModelNav } from '../components/model-nav.js';
import { PredictionCard } from '../components/operator-prediction-card.js';
import { SensorBadges } from '../components/operator-sensor-badges.js';
import { formatDateTime } from '../format.js';
import { listAlerts, listPredictions, sensorHealth, userNames } from '../operator-api.js';
import { usePoll } from '../operator-poll.js';
import { hrefFor } from '../routes.js';
import { useLoad } from '../use-load.js';

/** How often the screen reloads: live enough for a shift, light enough for a small server. */
export const OPERATOR_POLL_MS = 3000;
const SHOWN = 20;

interface LiveData {
  predictions: LoggedPrediction[];
  flaggedIds: Set<string>;
  alertsByPrediction: Map<string, Alert>;
  health: SensorHealthEntry[];
}

export function OperatorPage({ useCaseId, entity }: { useCaseId: string; entity: string | null }) {
  const api = useApi();
  const useCase = useLoad<UseCase>((signal) => api.getUseCase(useCaseId, signal), [api, useCaseId]);
  const names = useLoad<Map<string, string>>((signal) => userNames(api, signal), [api]);
  const live = usePoll<LiveData>(
    async (signal) => {
      const query = entity === null ? {} : { entity };
      const [page, flagged, alerts, health] = await Promise.all([
        listPredictions(api, useCaseId, { ...query, limit: SHOWN }, signal),
        listPredictions(api, useCaseId, { ...query, flagged: true, limit: 200 }, signal),
        listAlerts(api, useCaseId, { limit: 200 }, signal),
        sensorHealth(api, signal),
      ]);
      const alertsByPrediction = new Map<string, Alert>();
      for (const alert of alerts) if (alert.predictionId !== null && !alertsByPrediction.has(alert.predictionId)) alertsByPrediction.set(alert.predictionId, alert);
      return { predictions: page.predictions, flaggedIds: new Set(flagged.predictions.map((p) => p.id)), alertsByPrediction, health };
    },
    [api, useCaseId, entity],
    OPERATOR_POLL_MS,
  );
  const who = (userId: string): string => (names.state === 'ready' ? (names.data.get(userId) ?? userId) : userId);

  return (
    <>
      <ModelNav useCaseId={useCaseId} current="operator" />
      {useCase.state === 'loading' && <p aria-live="polite">Loading the use case…</p>}
      {useCase.state === 'error' && <ErrorNotice error={useCase.error} doing="Loading the use case" testId="operator-page-error" />}
      {useCase.state === 'ready' && (
        <article className="operator-page" data-testid="operator-page">
          <header className="use-case-header">
            <h1>
              {useCase.data.name}: {entity === null ? 'every asset' : entity}
            </h1>
            <p className="use-case-decision">{useCase.data.decision}</p>
          </header>
          <EntityFilter useCaseId={useCaseId} entity={entity} recent={live.data?.predictions ?? []} />
          <section className="panel" aria-labelledby="operator-health-heading">
            <h2 id="operator-health-heading">Sensors now</h2>
            <SensorBadges inputs={useCase.data.inputs} features={useCase.data.features} health={live.data?.health ?? []} testId="operator-health" />
          </section>
          <LiveState loadedAt={live.loadedAt} error={live.error} />
          <section aria-labelledby="operator-latest-heading">
            <h2 id="operator-latest-heading">Latest predictions</h2>
            {live.data === null && live.error === null && <p aria-live="polite">Loading the predictions…</p>}
            {live.data !== null && live.data.predictions.length === 0 && (
              <p className="panel" data-testid="operator-empty">
                No predictions logged {entity === null ? 'yet' : `for ${entity} yet`}. They appear here within seconds of being made.
              </p>
            )}
            {live.data?.predictions.map((prediction) => (
              <PredictionCard
                key={prediction.id}
                useCase={useCase.data}
                prediction={prediction}
                alert={live.data?.alertsByPrediction.get(prediction.id) ?? null}
                flagged={live.data?.flaggedIds.has(prediction.id) ?? false}
                health={live.data?.health ?? []}
                who={who}
                onChanged={live.refresh}
              />
            ))}
          </section>
        </article>
      )}
    </>
  );
}

function LiveState({ loadedAt, error }: { loadedAt: number | null; error: Error | null }) {
  return (
    <div className="operator-live">
      {error !== null && <ErrorNotice error={error} doing="Refreshing" testId="operator-refresh-error" />}
      {loadedAt !== null && (
        <p className="hint" data-testid="operator-updated">
          Live: refreshed every {OPERATOR_POLL_MS / 1000} s, last at {formatDateTime(new Date(loadedAt).toISOString())}.
        </p>
      )}
    </div>
  );
}

/** Pick one asset: type its name, or follow a link to an asset seen in the latest predictions. */
function EntityFilter({ useCaseId, entity, recent }: { useCaseId: string; entity: string | null; recent: readonly LoggedPrediction[] }) {
  const [text, setText] = useState(entity ?? '');
  const seen = useMemo(() => [...new Set(recent.map((p) => p.entity).filter((e): e is string => e !== null))].slice(0, 12), [recent]);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    window.location.hash = hrefFor({ page: 'operator', useCaseId, entity: text.trim() === '' ? null : text.trim() });
  };
  return (
    <section className="panel operator-filter" aria-labelledby="operator-filter-heading">
      <h2 id="operator-filter-heading">Asset</h2>
      <form onSubmit={submit} className="operator-filter-form">
        <label htmlFor="operator-entity">Show one asset (empty: every asset)</label>
        <input id="operator-entity" value={text} onChange={(event) => setText(event.target.value)} data-testid="operator-entity-input" />
        <button type="submit" className="button-quiet">
          Show
        </button>
      </form>
      {(seen.length > 0 || entity !== null) && (
        <p className="hint">
          {entity !== null && (
            <>
              <a href={hrefFor({ page: 'operator', useCaseId, entity: null })}>Every asset</a>
              {seen.length > 0 && ' · '}
            </>
          )}
          {seen.length > 0 && 'Recent: '}
          {seen.map((name, index) => (
            <span key={name}>
              {index > 0 && ', '}
              <a href={hrefFor({ page: 'operator', useCaseId, entity: name })} data-testid="operator-entity-link">
                {name}
              </a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
