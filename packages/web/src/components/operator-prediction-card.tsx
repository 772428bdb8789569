// One logged prediction on the operator screen: the decision, why (contributions with units, or the reasons), a degraded notice, and the operator's actions.
import { useEffect, useRef, useState } from 'react';
import type { Alert, LoggedPrediction, SensorHealthEntry, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { formatDateTime, formatMoney, formatNumber, formatPercent } from '../format.js';
import { sendVerdict } from '../operator-api.js';
import { pathWords } from '../operator-facts.js';
import { capitalize, scoreName } from '../use-case-facts.js';
import { ContributionsChart } from './contributions-chart.js';
import { ErrorNotice } from './error-notice.js';
import { AcknowledgeDialog, OverrideDialog } from './operator-actions.js';
import { SensorBadges } from './operator-sensor-badges.js';

export interface PredictionCardProps {
  useCase: UseCase;
  prediction: LoggedPrediction;
  /** The alert this prediction raised, when it raised one. */
  alert: Alert | null;
  /** Marked wrong or overridden (from the log's flagged filter). */
  flagged: boolean;
  health: readonly SensorHealthEntry[];
  who: (userId: string) => string;
  /** Something changed on the server: reload the page's data. */
  onChanged: () => void;
}

type OpenDialog = 'override' | 'acknowledge' | null;

export function PredictionCard({ useCase, prediction, alert, flagged, health, who, onChanged }: PredictionCardProps) {
  const api = useApi();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  // After a dialog's action its opener may go (an acknowledged alert has no button): focus the outcome, not the page.
  const [focusStatus, setFocusStatus] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!focusStatus) return;
    statusRef.current?.focus();
    setFocusStatus(false);
  }, [focusStatus]);
  const { output } = prediction;
  const act = prediction.act ?? false;
  const headingId = `prediction-${prediction.id}`;

  const flagWrong = async (): Promise<void> => {
    // Not `disabled` while busy: a disabled button drops keyboard focus to the page.
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await sendVerdict(api, prediction.id, 'wrong', '');
      setStatus('Marked wrong: it goes to the review queue.');
      onChanged();
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
    } finally {
      setBusy(false);
    }
  };

  const done = (message: string): void => {
    setDialog(null);
    setStatus(message);
    setFocusStatus(true);
    onChanged();
  };

  return (
    <article
      className={`panel operator-card ${act ? 'operator-card-act' : 'operator-card-ok'}`}
      aria-labelledby={headingId}
      data-testid="operator-prediction"
      data-prediction-id={prediction.id}
      data-path={prediction.path}
    >
      <header className="operator-card-header">
        <h3 id={headingId}>
          <span className={`decision-chip ${act ? 'decision-chip-act' : 'decision-chip-ok'}`} data-testid="operator-decision">
            {prediction.decision === null ? 'No decision' : capitalize(prediction.decision)}
          </span>{' '}
          {prediction.entity !== null ? <span data-testid="operator-entity">{prediction.entity}</span> : <span className="muted">no asset named</span>}
        </h3>
        <p className="hint">
          {formatDateTime(prediction.at)} · {scoreName(useCase)}{' '}
          <strong>{prediction.score === null ? 'none' : useCase.task === 'regression' ? formatNumber(prediction.score, 3) : formatPercent(prediction.score)}</strong>
          {output.decision !== null && <> · expected cost {formatMoney(output.decision.expectedCost, output.decision.currency)}</>} · model v{output.model.version} ({prediction.role})
          {flagged && (
            <>
              {' '}
              · <span className="badge badge-flagged" data-testid="operator-flagged">flagged</span>
            </>
          )}
        </p>
      </header>
      {output.degraded || prediction.path !== 'champion' ? (
        <div className="notice notice-warning" data-testid="operator-degraded">
          <strong>Degraded answer</strong>, given by {pathWords(prediction.path)}.
          {output.untrustedSensors.length > 0 && <> It could not see: {output.untrustedSensors.join(', ')}.</>}
          {output.reasons.length > 0 && (
            <ul>
              {output.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {output.contributions !== undefined && output.contributions.length > 0 ? (
        <ContributionsChart contributions={output.contributions} inputs={useCase.inputs} task={useCase.task} />
      ) : (
        <p className="hint" data-testid="operator-no-explanation">
          {output.decision === null
            ? 'No model answered, so there is no explanation: decide on the line.'
            : `Logged without an explanation (the request did not ask for one): the model decided “${output.decision.label}”.`}
        </p>
      )}
      <SensorBadges inputs={useCase.inputs} features={useCase.features} health={health} notUsed={output.untrustedSensors} />
      {alert !== null && alert.acknowledged !== null && (
        <p className="hint" data-testid="operator-acknowledged">
          Alert acknowledged by {who(alert.acknowledged.by)} at {formatDateTime(alert.acknowledged.at)}
          {alert.acknowledged.note !== '' && <>: “{alert.acknowledged.note}”</>}
        </p>
      )}
      <div className="operator-card-actions">
        {alert !== null && alert.state === 'open' && (
          <button type="button" className="button-primary" onClick={() => setDialog('acknowledge')} data-testid="operator-acknowledge">
            Acknowledge alert
          </button>
        )}
        <button type="button" className="button-quiet" onClick={() => setDialog('override')} data-testid="operator-override">
          Override…
        </button>
        <button type="button" className="button-quiet" onClick={() => void flagWrong()} aria-disabled={busy} data-testid="operator-flag-wrong">
          Flag as wrong
        </button>
      </div>
      <p className="operator-status" role="status" tabIndex={-1} ref={statusRef} data-testid="operator-status">
        {status}
      </p>
      {error !== null && <ErrorNotice error={error} doing="Flagging" testId="operator-error" />}
      {dialog === 'override' && <OverrideDialog useCase={useCase} prediction={prediction} onDone={done} onClose={() => setDialog(null)} />}
      {dialog === 'acknowledge' && alert !== null && <AcknowledgeDialog alert={alert} onDone={done} onClose={() => setDialog(null)} />}
    </article>
  );
}
