// What changed when sensors were marked failed: which path answered, why, what the model could not see, next to the healthy answer.
import type { Prediction, UseCase } from '@shopfloor/contracts';
import { formatMoney, formatNumber, formatPercent } from '../format.js';
import { capitalize } from '../use-case-facts.js';
import { ContributionsChart } from './contributions-chart.js';

const PATH_WORDS: Record<Prediction['path'], string> = {
  champion: 'the champion model, with every reading',
  companion: 'a companion model trained without the failed sensor',
  'previous-champion': 'the previous champion model (the current one failed or was too slow)',
  rule: "the use case's fallback rule (no companion model fits)",
  abstain: 'nobody: no companion model and no fallback rule, the line decides',
};

export interface ModelDegradedAnswerProps {
  useCase: UseCase;
  healthy: Prediction | null;
  degraded: Prediction;
  failed: readonly string[];
}

export function ModelDegradedAnswer({ useCase, healthy, degraded, failed }: ModelDegradedAnswerProps) {
  const score = (p: Prediction): string =>
    p.score === null ? 'no score' : useCase.task === 'regression' ? formatNumber(p.score, 3) : formatPercent(p.score);
  const decision = (p: Prediction): string => (p.decision === null ? 'no decision' : capitalize(p.decision.label));
  const unseen = degraded.untrustedSensors.length > 0 ? degraded.untrustedSensors : failed;
  return (
    <section className="panel degraded-answer" aria-labelledby="degraded-heading" aria-live="polite" data-testid="degraded-answer" data-path={degraded.path}>
      <h2 id="degraded-heading">If {unseen.join(' and ')} {unseen.length === 1 ? 'fails' : 'fail'}</h2>
      <dl className="facts">
        <dt>Answered by</dt>
        <dd data-testid="degraded-path">
          <strong>{degraded.path}</strong>: {PATH_WORDS[degraded.path]}
          {degraded.companion !== undefined && <span className="hint"> (leaves out {degraded.companion.leftOut})</span>}
        </dd>
        <dt>Why</dt>
        <dd data-testid="degraded-reason">
          {degraded.reasonCode !== null && <code>{degraded.reasonCode}</code>}
          <ul className="plain-list">
            {degraded.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </dd>
        <dt>Could not see</dt>
        <dd data-testid="degraded-unseen">
          <ul className="plain-list">
            {unseen.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <table className="data-table" data-testid="degraded-compare">
        <caption className="visually-hidden">The answer with every sensor healthy against the answer with the failed sensors</caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Every sensor healthy</th>
            <th scope="col">With the failure</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Decision</th>
            <td>{healthy === null ? '–' : decision(healthy)}</td>
            <td data-testid="degraded-decision">{decision(degraded)}</td>
          </tr>
          <tr>
            <th scope="row">Score</th>
            <td>{healthy === null ? '–' : score(healthy)}</td>
            <td>{score(degraded)}</td>
          </tr>
          <tr>
            <th scope="row">Expected cost</th>
            <td>{healthy?.decision == null ? '–' : formatMoney(healthy.decision.expectedCost, healthy.decision.currency)}</td>
            <td>{degraded.decision === null ? '–' : formatMoney(degraded.decision.expectedCost, degraded.decision.currency)}</td>
          </tr>
        </tbody>
      </table>
      {degraded.contributions !== undefined && degraded.contributions.length > 0 && (
        <div data-testid="degraded-explanation">
          <ContributionsChart contributions={degraded.contributions} inputs={useCase.inputs} task={useCase.task} />
        </div>
      )}
    </section>
  );
}
