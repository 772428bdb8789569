// `#/use-cases/{id}/review`: flagged, unsure and degraded predictions for a reviewer to confirm (right) or correct (attach the true outcome).
import { useState, type FormEvent } from 'react';
import type { DecisionRule, PredictionDetail, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ModelNav } from '../components/model-nav.js';
import { formatDateTime, formatFeatureValue, formatNumber, formatPercent } from '../format.js';
import { getPrediction, listPredictions, sendOutcome, sendVerdict } from '../operator-api.js';
import { feedbackWords, isReviewed, outcomeChoices, pathWords, REVIEW_REASON_WORDS, reviewReasons, type ReviewReason } from '../operator-facts.js';
import { capitalize, scoreName } from '../use-case-facts.js';
import { useLoad } from '../use-load.js';

/** Recent predictions scanned for unsure and degraded ones, and the most items shown (each is read with its feedback). */
const SCANNED = 200;
const QUEUE_MAX = 40;
const DETAIL_CHUNK = 20;
const DEGRADED_PATHS = ['companion', 'previous-champion', 'rule', 'abstain'] as const;

interface QueueItem {
  detail: PredictionDetail;
  reasons: ReviewReason[];
}

interface Queue {
  useCase: UseCase;
  items: QueueItem[];
  /** More predictions qualified than are shown: the rest appear as these are settled. */
  capped: boolean;
}

async function loadQueue(api: ReturnType<typeof useApi>, useCaseId: string, signal: AbortSignal): Promise<Queue> {
  // Flagged and degraded answers are asked for by name (the log filters them); unsure ones are found among the latest.
  const [useCase, models, recent, flagged, ...degraded] = await Promise.all([
    api.getUseCase(useCaseId, signal),
    api.listModels(useCaseId, signal),
    listPredictions(api, useCaseId, { limit: SCANNED }, signal),
    listPredictions(api, useCaseId, { flagged: true, limit: SCANNED }, signal),
    ...DEGRADED_PATHS.map((path) => listPredictions(api, useCaseId, { path, limit: SCANNED }, signal)),
  ]);
  const rules = new Map<string, DecisionRule>(models.map((model) => [model.id, model.decisionRule]));
  const flaggedIds = new Set(flagged.predictions.map((p) => p.id));
  const candidates = new Map<string, ReviewReason[]>();
  // Flagged first (an operator asked), then the rest newest first.
  const others = [...recent.predictions, ...degraded.flatMap((page) => page.predictions)].sort((a, b) => b.at.localeCompare(a.at));
  for (const prediction of [...flagged.predictions, ...others]) {
    if (candidates.has(prediction.id)) continue;
    const reasons = reviewReasons(prediction, flaggedIds.has(prediction.id), rules.get(prediction.modelVersionId));
    if (reasons.length > 0) candidates.set(prediction.id, reasons);
  }
  // Settled ones (confirmed, or given their outcome) are known only from each prediction's feedback: read a
  // few at a time until the page is full, so settled rows never hide waiting ones.
  const ids = [...candidates.keys()];
  const items: QueueItem[] = [];
  let next = 0;
  while (next < ids.length && items.length < QUEUE_MAX) {
    const chunk = ids.slice(next, next + DETAIL_CHUNK);
    next += chunk.length;
    const details = await Promise.all(chunk.map((id) => getPrediction(api, id, signal)));
    for (const detail of details) if (!isReviewed(detail.feedback) && items.length < QUEUE_MAX) items.push({ detail, reasons: candidates.get(detail.id) ?? [] });
  }
  const capped = items.length >= QUEUE_MAX && next < ids.length;
  return { useCase, items, capped };
}

export function ReviewPage({ useCaseId }: { useCaseId: string }) {
  const api = useApi();
  const [reload, setReload] = useState(0);
  const [done, setDone] = useState<string[]>([]);
  const queue = useLoad((signal) => loadQueue(api, useCaseId, signal), [api, useCaseId, reload]);
  const resolved = (id: string, message: string): void => setDone((previous) => [...previous, `${message} (${id})`]);

  return (
    <>
      <ModelNav useCaseId={useCaseId} current="review" />
      <article className="review-page" data-testid="review-page">
        <h1>Review queue</h1>
        <p className="hint">
          Predictions an operator flagged, answers close to the decision threshold, and answers given degraded. Confirm the ones that were right;
          correct the others with what really happened. Both leave the queue and feed the next training and the edge-case sets.
        </p>
        <div className="form-actions">
          <button type="button" className="button-quiet" onClick={() => setReload((n) => n + 1)} data-testid="review-reload">
            Reload the queue
          </button>
        </div>
        <div role="status" className="review-done" data-testid="review-status">
          {done.length > 0 && <p>{done[done.length - 1]}</p>}
        </div>
        {queue.state === 'loading' && <p aria-live="polite">Loading the queue…</p>}
        {queue.state === 'error' && <ErrorNotice error={queue.error} doing="Loading the review queue" testId="review-error" />}
        {queue.state === 'ready' && (
          <>
            <p data-testid="review-count">
              {queue.data.items.length === 0 ? 'Nothing to review.' : `${queue.data.items.length} to review.`}
              {queue.data.capped && ' More may be waiting: they show here as these are settled (reload the queue).'}
            </p>
            {queue.data.items.map((item) => (
              <ReviewItem key={item.detail.id} useCase={queue.data.useCase} item={item} onResolved={resolved} />
            ))}
          </>
        )}
      </article>
    </>
  );
}

function ReviewItem({ useCase, item, onResolved }: { useCase: UseCase; item: QueueItem; onResolved: (id: string, message: string) => void }) {
  const api = useApi();
  const { detail, reasons } = item;
  const [resolved, setResolved] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const headingId = `review-${detail.id}`;

  const run = async (action: () => Promise<unknown>, message: string): Promise<void> => {
    setError(null);
    try {
      await action();
      setResolved(message);
      onResolved(detail.id, message);
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
    }
  };

  return (
    <section className="panel review-item" aria-labelledby={headingId} data-testid="review-item" data-prediction-id={detail.id} data-reasons={reasons.join(' ')}>
      <h2 id={headingId}>
        {detail.decision === null ? 'No decision' : capitalize(detail.decision)} · {detail.entity ?? 'no asset named'}
      </h2>
      <p className="hint">
        {formatDateTime(detail.at)} · {scoreName(useCase)}{' '}
        {detail.score === null ? 'none' : useCase.task === 'regression' ? formatNumber(detail.score, 3) : formatPercent(detail.score)} · answered by{' '}
        {pathWords(detail.path)} · model v{detail.output.model.version}
      </p>
      <ul className="review-reasons" aria-label="Why it is here">
        {reasons.map((reason) => (
          <li key={reason} className={`badge badge-${reason}`} data-testid="review-reason">
            {REVIEW_REASON_WORDS[reason]}
          </li>
        ))}
      </ul>
      {detail.feedback.length > 0 && (
        <p className="hint">
          So far: {detail.feedback.map((f) => `${feedbackWords(f)}${f.note !== '' ? ` “${f.note}”` : ''}`).join('; ')}
        </p>
      )}
      <details>
        <summary>Readings</summary>
        <ul className="review-readings">
          {useCase.inputs.map((input) => (
            <li key={input.name}>
              {input.name} = {formatFeatureValue(detail.input[input.name] ?? null, input.unit)}
            </li>
          ))}
        </ul>
      </details>
      {resolved !== null ? (
        <p className="notice notice-ok" data-testid="review-resolved">
          {resolved}
        </p>
      ) : (
        <div className="review-actions">
          <button type="button" className="button-quiet" onClick={() => void run(() => sendVerdict(api, detail.id, 'right', 'confirmed in review'), 'Confirmed right.')} data-testid="review-confirm">
            Confirm right
          </button>
          <OutcomeForm useCase={useCase} predictionId={detail.id} acted={detail.act} onSubmit={(outcome, note) => run(() => sendOutcome(api, detail.id, outcome, note), `Corrected: true outcome ${String(outcome)}.`)} />
        </div>
      )}
      {error !== null && <ErrorNotice error={error} doing="Saving the review" testId="review-item-error" />}
    </section>
  );
}

interface OutcomeFormProps {
  useCase: UseCase;
  predictionId: string;
  /** Whether the answer called for action: a correction most often says the opposite happened, so that is offered first. */
  acted: boolean | null;
  onSubmit: (outcome: string | number, note: string) => Promise<void>;
}

function OutcomeForm({ useCase, predictionId, acted, onSubmit }: OutcomeFormProps) {
  const choices = outcomeChoices(useCase);
  // Binary choices come event first: after an alarm, offer "no event".
  const [value, setValue] = useState((useCase.task === 'binary' && acted === true ? choices?.[1]?.value : choices?.[0]?.value) ?? '');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const outcomeId = `outcome-${predictionId}`;
  const noteId = `outcome-note-${predictionId}`;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (choices === null) {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) {
        setInvalid(`Type the true ${useCase.target} as a number.`);
        return;
      }
      setInvalid(null);
      void onSubmit(number, note);
    } else {
      void onSubmit(value, note);
    }
  };

  return (
    <form className="review-outcome" onSubmit={submit} data-testid="review-outcome-form">
      <label htmlFor={outcomeId}>What really happened</label>
      {choices === null ? (
        <input id={outcomeId} inputMode="decimal" value={value} onChange={(event) => setValue(event.target.value)} aria-invalid={invalid !== null} data-testid="review-outcome" />
      ) : (
        <select id={outcomeId} value={value} onChange={(event) => setValue(event.target.value)} data-testid="review-outcome">
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
      <label htmlFor={noteId}>Note (optional)</label>
      <input id={noteId} value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
      {invalid !== null && <p className="field-error">{invalid}</p>}
      <button type="submit" className="button-primary" data-testid="review-correct">
        Correct
      </button>
    </form>
  );
}
