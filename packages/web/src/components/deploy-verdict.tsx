// The verdict on a shadow or challenger over the last 24 hours: agreement, decision flips, latency, metric and cost once labelled, a recommendation with its evidence.
import { useState, type FormEvent } from 'react';
import type { Deployment, DeploymentVerdict, ModelVersion } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { formatDateTime, formatMoney, formatNumber, formatPercent } from '../format.js';
import { deploymentVerdict } from '../operator-api.js';
import { ErrorNotice } from './error-notice.js';

const RECOMMENDATION_WORDS: Record<DeploymentVerdict['recommendation'], string> = {
  promote: 'Promote it',
  keep: 'Keep watching',
  'roll-back': 'Roll it back',
};

export function DeployVerdict({ useCaseId, deployment, models }: { useCaseId: string; deployment: Deployment; models: readonly ModelVersion[] }) {
  const api = useApi();
  // Deployed variants first: those are the ones with answers logged beside the champion.
  const deployed = deployment.variants.map((v) => v.model.id);
  const others = models.filter((m) => m.id !== deployment.champion.id).sort((a, b) => Number(deployed.includes(b.id)) - Number(deployed.includes(a.id)) || b.version - a.version);
  const [model, setModel] = useState(others[0]?.id ?? '');
  const [verdict, setVerdict] = useState<DeploymentVerdict | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy || model === '') return;
    setBusy(true);
    setError(null);
    try {
      setVerdict(await deploymentVerdict(api, useCaseId, model));
    } catch (cause) {
      setVerdict(null);
      setError(cause instanceof Error ? cause : new Error(String(cause)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="deploy-verdict-heading" data-testid="deploy-verdict-panel">
      <h2 id="deploy-verdict-heading">Verdict</h2>
      {others.length === 0 ? (
        <p className="hint">Only the champion exists: there is nothing to judge.</p>
      ) : (
        <form onSubmit={(event) => void submit(event)} className="operator-filter-form">
          <label htmlFor="verdict-model">Judge version</label>
          <select id="verdict-model" value={model} onChange={(event) => setModel(event.target.value)} data-testid="verdict-model">
            {others.map((m) => (
              <option key={m.id} value={m.id}>
                v{m.version}
                {deployed.includes(m.id) ? ' (deployed)' : ''}
              </option>
            ))}
          </select>
          <button type="submit" className="button-quiet" aria-disabled={busy} data-testid="verdict-submit">
            Show the verdict (last 24 h)
          </button>
        </form>
      )}
      {error !== null && <ErrorNotice error={error} doing="Judging" testId="verdict-error" />}
      {verdict !== null && <VerdictView verdict={verdict} />}
    </section>
  );
}

function VerdictView({ verdict }: { verdict: DeploymentVerdict }) {
  const { latency, labelled } = verdict;
  return (
    <div className="deploy-verdict" data-testid="deploy-verdict" data-recommendation={verdict.recommendation}>
      <p className={`verdict-recommendation verdict-${verdict.recommendation}`}>
        v{verdict.model.version} against champion v{verdict.champion.version}: <strong>{RECOMMENDATION_WORDS[verdict.recommendation]}</strong>
      </p>
      <p className="hint">
        {formatDateTime(verdict.from)} to {formatDateTime(verdict.to)}
      </p>
      <dl className="tiles">
        <div className="tile">
          <dt>Rows compared</dt>
          <dd>{formatNumber(verdict.compared, 0)}</dd>
          <dd className="hint">{verdict.candidateErrors} failed</dd>
        </div>
        <div className="tile">
          <dt>Same decision</dt>
          <dd>{verdict.agreement === null ? 'n/a' : formatPercent(verdict.agreement)}</dd>
          <dd className="hint">
            {verdict.flips.toAct} would act more, {verdict.flips.toHold} would hold
          </dd>
        </div>
        <div className="tile">
          <dt>Latency p50 / p99</dt>
          <dd className="tile-small">
            {ms(latency.candidate.p50Ms)} / {ms(latency.candidate.p99Ms)}
          </dd>
          <dd className="hint">
            champion {ms(latency.champion.p50Ms)} / {ms(latency.champion.p99Ms)}
          </dd>
        </div>
        <div className="tile">
          <dt>Once labelled</dt>
          {labelled === null ? (
            <dd className="tile-small">no outcomes yet</dd>
          ) : (
            <>
              <dd className="tile-small">
                {labelled.metric} {labelled.candidate === null ? 'n/a' : formatNumber(labelled.candidate, 3)} vs {labelled.champion === null ? 'n/a' : formatNumber(labelled.champion, 3)}
              </dd>
              <dd className="hint">
                cost {formatMoney(labelled.candidateCost, labelled.currency)} vs {formatMoney(labelled.championCost, labelled.currency)} on {labelled.n} rows
              </dd>
            </>
          )}
        </div>
      </dl>
      <h3>Evidence</h3>
      <ul data-testid="verdict-evidence">
        {verdict.evidence.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {verdict.flips.examples.length > 0 && (
        <table className="data-table">
          <caption>Decision flips (examples)</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Asset</th>
              <th scope="col">Champion</th>
              <th scope="col">Candidate</th>
            </tr>
          </thead>
          <tbody>
            {verdict.flips.examples.map((flip) => (
              <tr key={flip.predictionId}>
                <td>{formatDateTime(flip.at)}</td>
                <td>{flip.entity ?? ''}</td>
                <td>{flip.champion}</td>
                <td>{flip.candidate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ms(value: number | null): string {
  return value === null ? 'n/a' : `${formatNumber(value, 1)} ms`;
}
