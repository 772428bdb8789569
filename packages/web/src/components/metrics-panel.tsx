// The champion's card: quality on held-out data, expected cost against no model, the decision rule, provenance.
import type { Metrics, ModelVersion, UseCase } from '@shopfloor/contracts';
import { formatDateTime, formatMoney, formatNumber } from '../format.js';
import { describeDecisionRule, savingPer1000 } from '../use-case-facts.js';

export interface MetricsPanelProps {
  useCase: UseCase;
  champion: ModelVersion;
}

export function MetricsPanel({ useCase, champion }: MetricsPanelProps) {
  const { metrics } = champion;
  const currency = useCase.costs.currency;
  const saving = savingPer1000(metrics);
  return (
    <section className="panel" aria-labelledby="metrics-heading" data-testid="metrics-panel">
      <h2 id="metrics-heading">Champion model v{champion.version}</h2>
      <dl className="tiles">
        {qualityTiles(metrics).map(({ name, value, hint }) => (
          <div className="tile" key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
            <dd className="hint">{hint}</dd>
          </div>
        ))}
        <div className="tile">
          <dt>Expected cost per 1,000 predictions</dt>
          <dd data-testid="metric-expected-cost">{formatMoney(metrics.expectedCostPer1000, currency, 0)}</dd>
          <dd className="hint">without a model: {formatMoney(metrics.baselineCostPer1000, currency, 0)}</dd>
        </div>
        <div className="tile">
          <dt>Saving per 1,000 predictions</dt>
          <dd className={saving < 0 ? 'text-bad' : 'text-good'} data-testid="metric-saving">
            {formatMoney(saving, currency, 0)}
          </dd>
          <dd className="hint">against running without a model</dd>
        </div>
      </dl>
      <p className="decision-rule" data-testid="metric-decision-rule">
        <strong>Decision rule: </strong>
        {describeDecisionRule(useCase, champion.decisionRule)}
      </p>
      <p className="hint">
        Trained {formatDateTime(champion.createdAt)} on {formatNumber(metrics.nTrain, 0)} rows;
        measured on {formatNumber(metrics.nTest, 0)} held-out rows. Dataset version{' '}
        <code title={champion.datasetVersionId}>{champion.datasetVersionId.slice(0, 12)}</code>.
      </p>
    </section>
  );
}

interface Tile {
  name: string;
  value: string;
  hint: string;
}

/** Binary models show AUC, regression RMSE, multiclass accuracy: whatever the training recorded. */
function qualityTiles(metrics: Metrics): Tile[] {
  const tiles: Tile[] = [];
  if (metrics.auc !== undefined)
    tiles.push({ name: 'AUC', value: formatNumber(metrics.auc, 3), hint: '1.0 ranks every failure above every healthy row; 0.5 is chance' });
  if (metrics.prAuc !== undefined)
    tiles.push({ name: 'PR AUC', value: formatNumber(metrics.prAuc, 3), hint: 'precision-recall area; rare events make this the harder one' });
  if (metrics.rmse !== undefined)
    tiles.push({ name: 'RMSE', value: formatNumber(metrics.rmse, 3), hint: 'typical error, in the target’s unit' });
  if (metrics.mae !== undefined)
    tiles.push({ name: 'MAE', value: formatNumber(metrics.mae, 3), hint: 'mean absolute error, in the target’s unit' });
  if (metrics.auc === undefined && metrics.accuracy !== undefined)
    tiles.push({ name: 'Accuracy', value: formatNumber(metrics.accuracy, 3), hint: 'share of held-out rows classed right' });
  return tiles;
}
