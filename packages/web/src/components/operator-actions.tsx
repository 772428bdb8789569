// The operator's dialogs: override a decision with a reason code, acknowledge an alert with a note.
import { useState, type FormEvent } from 'react';
import type { Alert, LoggedPrediction, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { acknowledgeAlert, sendOverride } from '../operator-api.js';
import { decisionLabels, OVERRIDE_REASONS } from '../operator-facts.js';
import { ErrorNotice } from './error-notice.js';
import { OperatorDialog } from './operator-dialog.js';

export interface OverrideDialogProps {
  useCase: UseCase;
  prediction: LoggedPrediction;
  onDone: (message: string) => void;
  onClose: () => void;
}

export function OverrideDialog({ useCase, prediction, onDone, onClose }: OverrideDialogProps) {
  const api = useApi();
  const choices = decisionLabels(useCase.costs);
  // The operator overrides to another decision: preselect the first one that differs from the model's.
  const [decision, setDecision] = useState(choices.find((label) => label !== prediction.decision) ?? choices[0] ?? '');
  const [reasonCode, setReasonCode] = useState(OVERRIDE_REASONS[0]?.code ?? 'OTHER');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendOverride(api, prediction.id, { decision, reasonCode, note });
      onDone(`Overridden to "${decision}" (${reasonCode}).`);
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
      setBusy(false);
    }
  };

  return (
    <OperatorDialog title="Override the decision" onClose={onClose} testId="override-dialog">
      <p className="hint">
        The model said <strong>{prediction.decision ?? 'nothing (abstained)'}</strong>
        {prediction.entity !== null && <> for {prediction.entity}</>}. Record what you decided instead, and why.
      </p>
      <form className="operator-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="override-decision">Decision taken</label>
        <select id="override-decision" value={decision} onChange={(event) => setDecision(event.target.value)} data-testid="override-decision">
          {choices.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor="override-reason">Reason code</label>
        <select id="override-reason" value={reasonCode} onChange={(event) => setReasonCode(event.target.value)} data-testid="override-reason">
          {OVERRIDE_REASONS.map((reason) => (
            <option key={reason.code} value={reason.code}>
              {reason.label} ({reason.code})
            </option>
          ))}
        </select>
        <label htmlFor="override-note">Note (optional)</label>
        <textarea id="override-note" rows={3} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} data-testid="override-note" />
        {error !== null && <ErrorNotice error={error} doing="Overriding" testId="override-error" />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy} data-testid="override-submit">
            Record override
          </button>
          <button type="button" className="button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </OperatorDialog>
  );
}

export interface AcknowledgeDialogProps {
  alert: Alert;
  onDone: (message: string) => void;
  onClose: () => void;
}

export function AcknowledgeDialog({ alert, onDone, onClose }: AcknowledgeDialogProps) {
  const api = useApi();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await acknowledgeAlert(api, alert.id, { note });
      onDone('Alert acknowledged.');
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
      setBusy(false);
    }
  };

  return (
    <OperatorDialog title="Acknowledge the alert" onClose={onClose} testId="acknowledge-dialog">
      <p className="alert-message">{alert.message}</p>
      <form className="operator-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="acknowledge-note">What was done on the line (optional)</label>
        <textarea id="acknowledge-note" rows={3} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} data-testid="acknowledge-note" />
        {error !== null && <ErrorNotice error={error} doing="Acknowledging" testId="acknowledge-error" />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy} data-testid="acknowledge-submit">
            Acknowledge
          </button>
          <button type="button" className="button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </OperatorDialog>
  );
}
