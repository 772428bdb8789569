// `#/use-cases/{id}/deployments`: the deployment record, variants (shadow, A/B split, canary), verdicts, promotion with approvals, rollback and the audited events.
import { useRef, useState } from 'react';
import { useApi } from '../api-context.js';
import { DeployEvents } from '../components/deploy-events.js';
import { DeployPromote } from '../components/deploy-promote.js';
import { DeployRecord } from '../components/deploy-record.js';
import { DeployVariantsForm } from '../components/deploy-variants-form.js';
import { DeployVerdict } from '../components/deploy-verdict.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ModelNav } from '../components/model-nav.js';
import { loadDeployments, type DeploymentsData } from '../deploy-data.js';
import { useLoad } from '../use-load.js';

export function DeploymentsPage({ useCaseId }: { useCaseId: string }) {
  const api = useApi();
  const [reload, setReload] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const load = useLoad<DeploymentsData>((signal) => loadDeployments(api, useCaseId, signal), [api, useCaseId, reload]);
  // While it reloads after an action, the page keeps showing the last record (no flash, focus and forms stay).
  const last = useRef<DeploymentsData | null>(null);
  if (load.state === 'ready') last.current = load.data;
  const shown = load.state === 'ready' ? load.data : last.current;
  // After an action: say what happened, and read the record again (the server is the truth).
  const changed = (message: string): void => {
    setStatus(message);
    setReload((n) => n + 1);
  };

  return (
    <>
      <ModelNav useCaseId={useCaseId} current="deployments" />
      <div role="status" className="deploy-status" data-testid="deploy-status">
        {status !== null && <p className="notice notice-ok">{status}</p>}
      </div>
      {shown === null && load.state === 'loading' && <p aria-live="polite">Loading the deployment…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Loading the deployment" testId="deployments-error" />}
      {shown !== null && <DeploymentsView data={shown} onChanged={changed} />}
    </>
  );
}

function DeploymentsView({ data, onChanged }: { data: DeploymentsData; onChanged: (message: string) => void }) {
  const who = (userId: string | null): string => (userId === null ? 'nobody yet' : (data.names.get(userId) ?? userId));
  return (
    <article className="deployments-page" data-testid="deployments-page">
      <h1>Deployments: {data.useCase.name}</h1>
      <DeployRecord deployment={data.deployment} aliases={data.aliases} who={who} onChanged={onChanged} />
      <DeployVerdict useCaseId={data.useCase.id} deployment={data.deployment} models={data.models} />
      <DeployPromote data={data} who={who} onChanged={onChanged} />
      <DeployVariantsForm key={data.deployment.updatedAt ?? 'none'} useCaseId={data.useCase.id} deployment={data.deployment} models={data.models} onChanged={onChanged} />
      <DeployEvents events={data.events} who={who} />
    </article>
  );
}
