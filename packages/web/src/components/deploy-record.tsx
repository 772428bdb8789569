// The deployment record as it stands: the champion, its variants (shadow, split, canary) with shares and canary state, mirrors, and the aliases.
import { useState } from 'react';
import type { AliasesResponse, Deployment } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { formatDateTime, formatPercent } from '../format.js';
import { evaluateCanary } from '../operator-api.js';
import { ErrorNotice } from './error-notice.js';

export const MODE_WORDS: Record<Deployment['variants'][number]['mode'], string> = {
  shadow: 'shadow (sees every request, answers are logged, never returned)',
  split: 'A/B split (answers its share of assets)',
  canary: 'canary (its share rises in steps, judged by rules)',
};

export interface DeployRecordProps {
  deployment: Deployment;
  aliases: AliasesResponse;
  who: (userId: string | null) => string;
  onChanged: (message: string) => void;
}

export function DeployRecord({ deployment, aliases, who, onChanged }: DeployRecordProps) {
  const champion = aliases.aliases.find((alias) => alias.alias === 'champion');
  return (
    <section className="panel" aria-labelledby="deploy-record-heading" data-testid="deploy-record">
      <h2 id="deploy-record-heading">What serves now</h2>
      <dl className="tiles">
        <div className="tile">
          <dt>Champion</dt>
          <dd data-testid="deploy-champion" data-model-id={deployment.champion.id}>
            v{deployment.champion.version}
          </dd>
          {champion !== undefined && (
            <dd className="hint">
              alias set {formatDateTime(champion.updatedAt)} by {who(champion.updatedBy)}
            </dd>
          )}
        </div>
        <div className="tile">
          <dt>Promotion</dt>
          <dd data-testid="deploy-approval-required">{deployment.approvalRequired ? 'needs a second engineer' : 'one engineer'}</dd>
        </div>
        <div className="tile">
          <dt>Last change</dt>
          <dd className="tile-small">{deployment.updatedAt === null ? 'never' : formatDateTime(deployment.updatedAt)}</dd>
          <dd className="hint">by {who(deployment.updatedBy)}</dd>
        </div>
      </dl>
      {deployment.variants.length === 0 ? (
        <p data-testid="deploy-no-variants">No shadow, split or canary: the champion answers every request.</p>
      ) : (
        <table className="data-table deploy-table" data-testid="deploy-variants">
          <caption>Variants beside the champion</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Mode</th>
              <th scope="col" className="numeric">
                Share
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {deployment.variants.map((variant) => (
              <tr key={`${variant.model.id}-${variant.mode}`} data-testid="deploy-variant" data-mode={variant.mode}>
                <td>v{variant.model.version}</td>
                <td>{MODE_WORDS[variant.mode]}</td>
                <td className="numeric">{variant.share === null ? 'every request' : formatPercent(variant.share)}</td>
                <td>
                  {variant.disabled != null && <span className="text-bad">disabled: {variant.disabled}. </span>}
                  {variant.canary !== undefined && (
                    <>
                      step {variant.canary.step + 1} of {variant.canary.steps.length} ({variant.canary.steps.map((s) => formatPercent(s)).join(' → ')}), since{' '}
                      {formatDateTime(variant.canary.stepStartedAt)}. {variant.canary.note}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deployment.variants.some((variant) => variant.mode === 'canary') && <CanaryRun useCaseId={deployment.useCaseId} onChanged={onChanged} />}
      {deployment.mirrors.length > 0 && (
        <p className="hint">Mirrored to: {deployment.mirrors.map((m) => `${m.url} (${formatPercent(m.share)})`).join(', ')}</p>
      )}
    </section>
  );
}

/** The canary controller runs on the server's timer; an engineer can have it judge the current step now. */
function CanaryRun({ useCaseId, onChanged }: { useCaseId: string; onChanged: (message: string) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { run: result } = await evaluateCanary(api, useCaseId);
      onChanged(result === null ? 'No canary to judge.' : `Canary controller: ${result.action.kind}. ${result.action.note}`);
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="form-actions">
      <button type="button" className="button-quiet" onClick={() => void run()} aria-disabled={busy} data-testid="canary-evaluate">
        Judge the canary step now
      </button>
      {error !== null && <ErrorNotice error={error} doing="Judging the canary" testId="canary-error" />}
    </div>
  );
}
