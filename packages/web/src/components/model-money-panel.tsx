// Money on the use case's front page: what each outcome costs, and what the champion saves against running without a model.
import { useId, useState } from 'react';
import type { ModelVersion, UseCase } from '@shopfloor/contracts';
import { formatMoney, formatNumber } from '../format.js';
import { savingPer1000 } from '../use-case-facts.js';
import { monthlySaving, outcomeCosts } from './model-money-rows.js';

export function ModelMoneyPanel({ useCase, champion }: { useCase: UseCase; champion: ModelVersion | null }) {
  const volumeId = useId();
  const [volume, setVolume] = useState('10000');
  const currency = useCase.costs.currency;
  const rows = outcomeCosts(useCase, useCase.costs);
  const saving = champion === null ? null : savingPer1000(champion.metrics);
  const baseline = champion?.metrics.baselineCostPer1000 ?? null;
  const perMonth = saving === null ? null : monthlySaving(saving, Number(volume));
  return (
    <section className="panel money" aria-labelledby="money-heading" data-testid="money-panel">
      <h2 id="money-heading">Money</h2>
      <div className="money-layout">
        <table className="data-table" data-testid="cost-table">
          <caption>What each outcome costs, per prediction</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col" className="numeric">
                Cost ({currency})
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.outcome} data-testid="cost-row">
                <th scope="row">
                  <span aria-hidden="true" className={row.right ? 'text-good' : 'text-bad'}>
                    {row.right ? '✓ ' : '✗ '}
                  </span>
                  {row.outcome}
                </th>
                <td className="numeric">{formatMoney(row.cost, currency, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {champion === null || saving === null || baseline === null ? (
          <p className="notice notice-warning">No champion yet, so no saving to show: train a model that beats running without one.</p>
        ) : (
          <div className="money-saving" data-testid="money-saving">
            <p className="money-figure">
              <span className={saving >= 0 ? 'text-good' : 'text-bad'} data-testid="money-saving-per-1000">
                {formatMoney(saving, currency, 0)}
              </span>{' '}
              {saving >= 0 ? 'saved' : 'lost'} per 1,000 predictions
            </p>
            <p>
              Champion v{champion.version} costs {formatMoney(champion.metrics.expectedCostPer1000, currency, 0)} per 1,000 predictions on held-out rows; running
              without a model (the best fixed decision) costs {formatMoney(baseline, currency, 0)}
              {baseline > 0 && saving >= 0 ? `: ${formatNumber((100 * saving) / baseline, 1)} % less` : ''}.
            </p>
            <div className="field inline-field">
              <label htmlFor={volumeId}>Predictions per month</label>
              <div className="field-control">
                <input id={volumeId} type="text" inputMode="numeric" value={volume} onChange={(event) => setVolume(event.target.value)} data-testid="money-volume" />
              </div>
            </div>
            <p data-testid="money-per-month">
              {perMonth === null ? 'Type how many predictions a month the line makes.' : `${formatMoney(perMonth, currency, 0)} ${perMonth >= 0 ? 'saved' : 'lost'} per month at that volume.`}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
