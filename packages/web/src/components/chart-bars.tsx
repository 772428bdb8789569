// Horizontal bars in HTML (feature importance, mean |SHAP|): names as text, largest first, each bar scaled to the largest.
import { formatNumber } from '../format.js';

export interface Bar {
  name: string;
  value: number;
  /** Shown under the name, e.g. the unit or the sensor id. */
  note?: string;
}

export interface BarChartProps {
  title: string;
  bars: readonly Bar[];
  valueLabel: string;
  testId?: string;
  digits?: number;
}

export function BarChart({ title, bars, valueLabel, testId, digits = 3 }: BarChartProps) {
  const largest = Math.max(...bars.map((b) => Math.abs(b.value)), Number.MIN_VALUE);
  return (
    <figure className="chart bar-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <table className="bar-table">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">{valueLabel}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.name} data-testid={testId === undefined ? undefined : `${testId}-row`}>
              <th scope="row">
                <span className="bar-name">{bar.name}</span>
                {bar.note !== undefined && <span className="hint"> {bar.note}</span>}
              </th>
              <td>
                <span className="bar-track">
                  <span className="bar-fill" style={{ width: `${(100 * Math.abs(bar.value)) / largest}%` }} />
                </span>
                <span className="bar-value">{formatNumber(bar.value, digits)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
