// Horizontal bars of the top contributions (TreeSHAP): left of zero lowers the score, right raises it.
import type { Contribution, ModelInput, Task } from '@shopfloor/contracts';
import { contributionBars, directionWords } from '../contribution-bars.js';
import { formatFeatureValue, formatSigned } from '../format.js';

export interface ContributionsChartProps {
  contributions: readonly Contribution[];
  inputs: readonly ModelInput[];
  task: Task;
  /** Multiclass: the class the contributions push towards. */
  towardsClass?: string;
}

//   feature = value        lowers ◄──────┼──────► raises      +0.84
//   Torque [Nm] = 62 Nm               │█████████            +0.84
//   Tool wear = 12 min          ██████│                     −0.40
export function ContributionsChart({ contributions, inputs, task, towardsClass }: ContributionsChartProps) {
  const bars = contributionBars(contributions, inputs);
  const words = directionWords(task, towardsClass);
  if (bars.length === 0) return <p className="hint">The server returned no contributions for this answer.</p>;
  return (
    <figure className="contributions" data-testid="contributions-chart">
      <figcaption>What pushed this answer</figcaption>
      <div className="contributions-axis" aria-hidden="true">
        <span />
        <span className="axis-lowers">◄ {words.lowers}</span>
        <span className="axis-raises">{words.raises} ►</span>
        <span />
      </div>
      <ol className="contributions-rows">
        {bars.map((bar) => {
          const valueText = formatFeatureValue(bar.value, bar.unit);
          const effect = bar.side === 'raises' ? words.raises : words.lowers;
          return (
            <li
              key={bar.feature}
              className={`contribution contribution-${bar.side}`}
              data-testid="contribution-row"
              data-feature={bar.feature}
            >
              <span className="contribution-label">
                <span className="contribution-feature">{bar.feature}</span>
                <span className="contribution-value">= {valueText}</span>
                <span className="visually-hidden">
                  : {effect} by {Math.abs(bar.contribution).toFixed(2)}
                </span>
              </span>
              <span className="contribution-half contribution-half-lowers" aria-hidden="true">
                {bar.side === 'lowers' && <span className="bar" style={{ width: `${barPercent(bar.length)}%` }} />}
              </span>
              <span className="contribution-half contribution-half-raises" aria-hidden="true">
                {bar.side === 'raises' && <span className="bar" style={{ width: `${barPercent(bar.length)}%` }} />}
              </span>
              <span className="contribution-number" aria-hidden="true">
                {formatSigned(bar.contribution)}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="hint">
        {task === 'binary'
          ? 'Bar length: how hard the reading pushed the risk (TreeSHAP, on the log-odds scale). Longer bars mattered more.'
          : 'Bar length: the reading’s push on this answer (TreeSHAP). Longer bars mattered more.'}
      </p>
    </figure>
  );
}

/** A visible sliver even for tiny contributions, so every listed reading shows a bar. */
function barPercent(length: number): number {
  return Math.max(1.5, length * 100);
}
