// Sets the variants beside the champion: shadow, A/B split with a share, canary with its steps; and whether promotion needs a second engineer. One reason for the audit trail.
import { useState, type FormEvent } from 'react';
import type { Deployment, DeploymentMode, ModelVersion, SetDeploymentRequest } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { setDeployment } from '../operator-api.js';
import { parseVariantRows, type VariantRow } from '../deploy-form.js';
import { ErrorNotice } from './error-notice.js';

interface Props {
  useCaseId: string;
  deployment: Deployment;
  models: readonly ModelVersion[];
  onChanged: (message: string) => void;
}

const MODES: { mode: DeploymentMode; label: string }[] = [
  { mode: 'shadow', label: 'Shadow' },
  { mode: 'split', label: 'A/B split' },
  { mode: 'canary', label: 'Canary' },
];

function rowsOf(deployment: Deployment): VariantRow[] {
  return deployment.variants.map((variant) => ({
    model: variant.model.id,
    mode: variant.mode,
    sharePercent: variant.mode === 'split' && variant.share !== null ? String(Math.round(variant.share * 1000) / 10) : '',
    stepsPercent: variant.canary !== undefined ? variant.canary.steps.map((s) => Math.round(s * 1000) / 10).join(', ') : '5, 25, 50, 100',
  }));
}

export function DeployVariantsForm({ useCaseId, deployment, models, onChanged }: Props) {
  const api = useApi();
  const others = models.filter((model) => model.id !== deployment.champion.id).sort((a, b) => b.version - a.version);
  const [rows, setRows] = useState<VariantRow[]>(() => rowsOf(deployment));
  const [approvalRequired, setApprovalRequired] = useState(deployment.approvalRequired);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const update = (index: number, change: Partial<VariantRow>): void => setRows((previous) => previous.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const add = (): void => setRows((previous) => [...previous, { model: others[0]?.id ?? '', mode: 'shadow', sharePercent: '10', stepsPercent: '5, 25, 50, 100' }]);
  const remove = (index: number): void => setRows((previous) => previous.filter((_, i) => i !== index));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const parsed = parseVariantRows(rows);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      const request: SetDeploymentRequest = { variants: parsed.variants, approvalRequired, reason };
      const saved = await setDeployment(api, useCaseId, request);
      setReason('');
      onChanged(`Deployment saved: ${saved.variants.length === 0 ? 'the champion answers alone' : `${saved.variants.length} variant(s) beside the champion`}.`);
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="deploy-set-heading">
      <h2 id="deploy-set-heading">Change the variants</h2>
      <form onSubmit={(event) => void submit(event)} className="operator-form" data-testid="variants-form">
        {rows.length === 0 && <p className="hint">No variants: add a shadow, an A/B split or a canary.</p>}
        {rows.map((row, index) => (
          <fieldset key={index} className="deploy-variant-row" data-testid="variant-row">
            <legend>Variant {index + 1}</legend>
            <label htmlFor={`variant-model-${index}`}>Version</label>
            <select id={`variant-model-${index}`} value={row.model} onChange={(event) => update(index, { model: event.target.value })} data-testid="variant-model">
              {others.map((model) => (
                <option key={model.id} value={model.id}>
                  v{model.version}
                </option>
              ))}
            </select>
            <label htmlFor={`variant-mode-${index}`}>Mode</label>
            <select id={`variant-mode-${index}`} value={row.mode} onChange={(event) => update(index, { mode: event.target.value as DeploymentMode })} data-testid="variant-mode">
              {MODES.map((mode) => (
                <option key={mode.mode} value={mode.mode}>
                  {mode.label}
                </option>
              ))}
            </select>
            {row.mode === 'split' && (
              <>
                <label htmlFor={`variant-share-${index}`}>Share of assets (%)</label>
                <input id={`variant-share-${index}`} inputMode="decimal" value={row.sharePercent} onChange={(event) => update(index, { sharePercent: event.target.value })} data-testid="variant-share" />
              </>
            )}
            {row.mode === 'canary' && (
              <>
                <label htmlFor={`variant-steps-${index}`}>Steps (% of assets, rising)</label>
                <input id={`variant-steps-${index}`} value={row.stepsPercent} onChange={(event) => update(index, { stepsPercent: event.target.value })} data-testid="variant-steps" />
              </>
            )}
            <button type="button" className="button-quiet" onClick={() => remove(index)} aria-label={`Remove variant ${index + 1}`}>
              Remove
            </button>
          </fieldset>
        ))}
        <div className="form-actions">
          <button type="button" className="button-quiet" onClick={add} disabled={others.length === 0} data-testid="variant-add">
            Add a variant
          </button>
        </div>
        <div className="checkbox-row">
          <input id="deploy-approval-required" type="checkbox" checked={approvalRequired} onChange={(event) => setApprovalRequired(event.target.checked)} />
          <label htmlFor="deploy-approval-required">Promotion to champion needs a second engineer’s approval</label>
        </div>
        <label htmlFor="deploy-set-reason">Reason (kept in the audit trail)</label>
        <input id="deploy-set-reason" required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="variants-reason" />
        {problem !== null && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {error !== null && <ErrorNotice error={error} doing="Saving the deployment" testId="variants-error" />}
        <div className="form-actions">
          <button type="submit" className="button-primary" aria-disabled={busy} data-testid="variants-submit">
            Save the deployment
          </button>
        </div>
      </form>
    </section>
  );
}
