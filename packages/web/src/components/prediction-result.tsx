// The answer for the operator: the decision in large colour (or none on the abstain path), the score, its expected cost, model and reasons.
import type { Prediction, UseCase } from '@shopfloor/contracts';
import { formatMoney, formatNumber, formatPercent } from '../format.js';
import { capitalize, scoreName } from '../use-case-facts.js';
import { ContributionsChart } from './contributions-chart.js';

export interface PredictionResultProps {
  useCase: UseCase;
  prediction: Prediction;
  /** The form changed since this answer: it no longer describes what is on screen. */
  stale: boolean;
}

export function PredictionResult({ useCase, prediction, stale }: PredictionResultProps) {
  const { decision, score } = prediction;
  // The abstain path decides nothing (decision null); the rule and abstain paths have no score.
  const act = decision?.act ?? false;
  const likelyClass = useCase.task === 'multiclass' ? mostLikelyClass(prediction) : null;
  return (
    <section
      className={`panel prediction ${act ? 'prediction-act' : 'prediction-ok'}${stale ? ' prediction-stale' : ''}`}
      aria-labelledby="prediction-heading"
      aria-live="polite"
      data-testid="prediction-result"
      data-act={act}
    >
      <h2 id="prediction-heading">Answer</h2>
      {stale && (
        <p className="notice notice-warning" data-testid="prediction-stale">
          The readings changed since this answer. Press Predict again.
        </p>
      )}
      <div className={`decision ${act ? 'decision-act' : 'decision-ok'}`}>
        <span className="decision-label" data-testid="prediction-decision">
          {decision === null ? 'No decision' : capitalize(decision.label)}
        </span>
        <span className="decision-words">
          {decision === null
            ? 'The model cannot answer with the sensors it trusts: decide on the line'
            : act
              ? useCase.decision !== ''
                ? `Action needed: ${useCase.decision}`
                : 'Action needed'
              : 'No action needed'}
        </span>
      </div>
      <dl className="tiles">
        <div className="tile">
          <dt>{scoreName(useCase)}</dt>
          <dd data-testid="prediction-score">
            {score === null ? 'none' : useCase.task === 'regression' ? formatNumber(score, 3) : formatPercent(score)}
          </dd>
          {likelyClass !== null && <dd className="hint">class {likelyClass}</dd>}
        </div>
        <div className="tile">
          <dt>Expected cost of this decision</dt>
          <dd data-testid="prediction-cost">{decision === null ? 'none' : formatMoney(decision.expectedCost, decision.currency)}</dd>
        </div>
        <div className="tile">
          <dt>Model</dt>
          <dd data-testid="prediction-model" title={prediction.model.id}>
            v{prediction.model.version}
          </dd>
          <dd className="hint">answered by the {prediction.path}</dd>
        </div>
      </dl>
      {prediction.degraded && (
        <div className="notice notice-warning" role="status" data-testid="prediction-degraded">
          <strong>Degraded answer.</strong> {prediction.reasons.length > 0 ? prediction.reasons.join(' ') : 'The server gave no reason.'}
        </div>
      )}
      {prediction.contributions !== undefined && (
        <ContributionsChart
          contributions={prediction.contributions}
          inputs={useCase.inputs}
          task={useCase.task}
          towardsClass={likelyClass ?? undefined}
        />
      )}
    </section>
  );
}

/** Multiclass: the class the score is the probability of. */
function mostLikelyClass(prediction: Prediction): string | null {
  if (prediction.probabilities === undefined) return null;
  let best: string | null = null;
  let bestProbability = -Infinity;
  for (const [name, probability] of Object.entries(prediction.probabilities)) {
    if (probability > bestProbability) {
      best = name;
      bestProbability = probability;
    }
  }
  return best;
}
