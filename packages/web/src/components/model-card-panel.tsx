// The model card of one version: intended use, lineage, data window, sensor robustness summary and known limits.
import type { ModelCard, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { formatDateTime, formatNumber } from '../format.js';
import { describeDecisionRule } from '../use-case-facts.js';
import { useLoad } from '../use-load.js';
import { ErrorNotice } from './error-notice.js';

export function ModelCardPanel({ useCase, versionId }: { useCase: UseCase; versionId: string }) {
  const api = useApi();
  const load = useLoad<ModelCard>((signal) => api.modelCard(useCase.id, versionId, signal), [api, useCase.id, versionId]);
  if (load.state === 'loading') return <p aria-live="polite">Loading the model card…</p>;
  if (load.state === 'error') return <ErrorNotice error={load.error} doing="Loading the model card" testId="model-card-error" />;
  const card = load.data;
  const rows = card.dataWindow.rows;
  return (
    <section className="panel" aria-labelledby="card-heading" data-testid="model-card">
      <h2 id="card-heading">Model card: v{card.version}</h2>
      <dl className="facts">
        <dt>Decision</dt>
        <dd>{card.intendedUse.decision !== '' ? card.intendedUse.decision : `Predicts ${card.intendedUse.target}`}</dd>
        <dt>Decision rule</dt>
        <dd>{describeDecisionRule(useCase, card.decisionRule)}</dd>
        <dt>Inputs</dt>
        <dd>{card.intendedUse.inputs.map((i) => (i.unit !== undefined && i.unit !== '' ? `${i.name} (${i.unit})` : i.name)).join(', ')}</dd>
        <dt>Trained on</dt>
        <dd>
          {card.lineage.datasetName ?? card.lineage.datasetVersionId}
          {rows !== null && ` · ${formatNumber(rows.fit, 0)} fit, ${formatNumber(rows.validation, 0)} validation, ${formatNumber(rows.test, 0)} test rows`}
          {card.dataWindow.from !== null && card.dataWindow.to !== null && ` · ${card.dataWindow.timeColumn ?? 'time'} ${card.dataWindow.from} to ${card.dataWindow.to}`}
        </dd>
        <dt>Made</dt>
        <dd>
          {formatDateTime(card.lineage.createdAt)} by {card.lineage.createdBy.name ?? card.lineage.createdBy.id} · code {card.lineage.codeVersion} · artifact{' '}
          <code title={card.lineage.artifactSha256}>{card.lineage.artifactSha256.slice(0, 12)}</code>
        </dd>
        <dt>Sensor robustness</dt>
        <dd data-testid="card-robustness">{card.sensorRobustness.summary}</dd>
        <dt>Known limits</dt>
        <dd className="known-limits" data-testid="card-known-limits">
          {card.knownLimits === null ? <span className="muted">None written yet.</span> : card.knownLimits.text}
        </dd>
      </dl>
    </section>
  );
}
