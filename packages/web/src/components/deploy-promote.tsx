// Promote a version to champion (or file it for a second engineer's approval), approve a pending promotion, roll back; each with a reason.
import { useState, type FormEvent } from 'react';
import { useApi } from '../api-context.js';
import { formatDateTime } from '../format.js';
import { approvePromotion, promote, rollback } from '../operator-api.js';
import type { DeploymentsData } from '../deploy-data.js';
import { ErrorNotice } from './error-notice.js';

interface Props {
  data: DeploymentsData;
  who: (userId: string | null) => string;
  onChanged: (message: string) => void;
}

/** Runs one server action: busy while it runs, the error kept beside the form, the message passed up on success. */
function useAction(onChanged: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async (action: () => Promise<string>): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await action());
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export function DeployPromote({ data, who, onChanged }: Props) {
  const api = useApi();
  const useCaseId = data.useCase.id;
  const candidates = data.models.filter((model) => model.id !== data.deployment.champion.id).sort((a, b) => b.version - a.version);
  const [model, setModel] = useState(candidates[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [rollbackReason, setRollbackReason] = useState('');
  const promoting = useAction(onChanged);
  const rollingBack = useAction(onChanged);

  const submitPromote = (event: FormEvent): void => {
    event.preventDefault();
    void promoting.run(async () => {
      const result = await promote(api, useCaseId, model, reason);
      setReason('');
      return result.promoted
        ? `v${result.deployment.champion.version} is the champion now.`
        : `Promotion of v${result.approval?.model.version ?? '?'} is waiting for a second engineer's approval.`;
    });
  };
  const submitRollback = (event: FormEvent): void => {
    event.preventDefault();
    void rollingBack.run(async () => {
      const deployment = await rollback(api, useCaseId, rollbackReason);
      setRollbackReason('');
      return `Rolled back: v${deployment.champion.version} is the champion, ${deployment.variants.length} variant(s) remain.`;
    });
  };

  return (
    <section className="panel" aria-labelledby="deploy-promote-heading">
      <h2 id="deploy-promote-heading">Promote or roll back</h2>
      <div className="deploy-forms">
        <form onSubmit={submitPromote} className="operator-form" data-testid="promote-form">
          <h3>Promote to champion</h3>
          {candidates.length === 0 ? (
            <p className="hint">No other version to promote: train one first.</p>
          ) : (
            <>
              <label htmlFor="promote-model">Version</label>
              <select id="promote-model" value={model} onChange={(event) => setModel(event.target.value)} data-testid="promote-model">
                {candidates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    v{candidate.version}
                    {candidate.aliases.length > 0 ? ` (${candidate.aliases.join(', ')})` : ''}
                  </option>
                ))}
              </select>
              <label htmlFor="promote-reason">Reason (kept in the audit trail)</label>
              <input id="promote-reason" required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="promote-reason" />
              <button type="submit" className="button-primary" aria-disabled={promoting.busy} data-testid="promote-submit">
                {data.deployment.approvalRequired ? 'Request promotion' : 'Promote'}
              </button>
            </>
          )}
          {promoting.error !== null && <ErrorNotice error={promoting.error} doing="Promoting" testId="promote-error" />}
        </form>
        <form onSubmit={submitRollback} className="operator-form" data-testid="rollback-form">
          <h3>Roll back</h3>
          <p className="hint">
            {data.deployment.variants.some((v) => v.mode !== 'shadow')
              ? 'Removes the split and canary variants; the champion answers everything again (shadows stay).'
              : 'Moves the champion back to the version it replaced.'}
          </p>
          <label htmlFor="rollback-reason">Reason (kept in the audit trail)</label>
          <input id="rollback-reason" required maxLength={2000} value={rollbackReason} onChange={(event) => setRollbackReason(event.target.value)} data-testid="rollback-reason" />
          <button type="submit" className="button-quiet" aria-disabled={rollingBack.busy} data-testid="rollback-submit">
            Roll back
          </button>
          {rollingBack.error !== null && <ErrorNotice error={rollingBack.error} doing="Rolling back" testId="rollback-error" />}
        </form>
      </div>
      <PendingApprovals data={data} who={who} onChanged={onChanged} />
    </section>
  );
}

function PendingApprovals({ data, who, onChanged }: Props) {
  const pending = data.events.pendingApprovals.filter((approval) => approval.status === 'pending');
  if (pending.length === 0) return null;
  return (
    <div data-testid="deploy-approvals">
      <h3>Waiting for a second engineer</h3>
      {pending.map((approval) => (
        <ApprovalForm key={approval.id} useCaseId={data.useCase.id} approval={approval} who={who} onChanged={onChanged} />
      ))}
    </div>
  );
}

function ApprovalForm({ useCaseId, approval, who, onChanged }: { useCaseId: string; approval: DeploymentsData['events']['pendingApprovals'][number]; who: Props['who']; onChanged: Props['onChanged'] }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const approving = useAction(onChanged);
  const reasonId = `approve-reason-${approval.id}`;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void approving.run(async () => {
      const result = await approvePromotion(api, useCaseId, approval.id, reason);
      return `Approved: v${result.deployment.champion.version} is the champion now.`;
    });
  };
  return (
    <form onSubmit={submit} className="operator-form deploy-approval" data-testid="deploy-approval">
      <p>
        Promote <strong>v{approval.model.version}</strong>, requested by {who(approval.requestedBy)} at {formatDateTime(approval.requestedAt)}: “{approval.reason}”
      </p>
      <label htmlFor={reasonId}>Your note (optional)</label>
      <input id={reasonId} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" className="button-primary" aria-disabled={approving.busy} data-testid="approve-submit">
        Approve
      </button>
      {approving.error !== null && <ErrorNotice error={approving.error} doing="Approving" testId="approve-error" />}
    </form>
  );
}
