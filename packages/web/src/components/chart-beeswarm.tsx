// SHAP summary dot plot: one row per feature (largest mean |SHAP| first), one dot per sampled row at its SHAP value, coloured by its reading from low (blue) to high (red).
import type { ShapFeature } from '@shopfloor/contracts';
import { extent, linearScale, niceTicks, swarmOffsets } from './chart-scale.js';

export interface BeeswarmProps {
  features: readonly ShapFeature[];
  scale: string;
  /** How many features get a row (the rest are summed up in the bar chart only). */
  maxFeatures?: number;
  testId?: string;
}

const ROW = 34;
const LABEL = 210;
const WIDTH = 760;
const RADIUS = 2.6;

export function Beeswarm({ features, scale, maxFeatures = 10, testId }: BeeswarmProps) {
  const shown = features.slice(0, maxFeatures);
  const [lo, hi] = extent(shown.flatMap((f) => f.points.map((p) => p.shap)), 0.05);
  const bound = Math.max(Math.abs(lo), Math.abs(hi));
  const x = linearScale([-bound, bound], [LABEL + 10, WIDTH - 16]);
  const height = shown.length * ROW + 44;
  const ticks = niceTicks(-bound, bound, 6);
  return (
    <figure className="chart beeswarm" data-testid={testId}>
      <figcaption>SHAP values per reading ({scale})</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`SHAP dot plot: each dot is one benchmark row; right of the centre line the reading raised the score, left it lowered it. Features from the top: ${shown.map((f) => f.feature).join(', ')}.`}
        className="chart-svg"
      >
        <g className="chart-grid">
          {ticks.map((t) => (
            <line key={t} x1={x(t)} x2={x(t)} y1={4} y2={height - 36} />
          ))}
        </g>
        <line className="beeswarm-zero" x1={x(0)} x2={x(0)} y1={4} y2={height - 36} />
        {shown.map((feature, row) => {
          const centre = row * ROW + ROW / 2 + 4;
          const xs = feature.points.map((p) => x(p.shap));
          const offsets = swarmOffsets(xs, RADIUS, ROW / 2 - 3);
          return (
            <g key={feature.feature} data-feature={feature.feature}>
              <text className="beeswarm-label" x={LABEL} y={centre + 5} textAnchor="end">
                {feature.feature}
              </text>
              {feature.points.map((p, i) => (
                <circle key={i} cx={xs[i]} cy={centre + offsets[i]!} r={RADIUS} fill={readingColour(p.position)} />
              ))}
            </g>
          );
        })}
        <g className="chart-axis">
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={height - 20} textAnchor="middle">
              {String(Number(t.toPrecision(3)))}
            </text>
          ))}
          <text className="chart-axis-label" x={x(0)} y={height - 4} textAnchor="middle">
            ← lowers the score · SHAP value · raises the score →
          </text>
        </g>
      </svg>
      <p className="beeswarm-key hint">
        <span className="beeswarm-key-bar" aria-hidden="true" /> colour: the reading, low (blue) to high (red) within the sample; grey: a category or a missing reading
      </p>
    </figure>
  );
}

/** Blue (0) through purple to red (1); grey when the reading has no position. */
export function readingColour(position: number | null): string {
  if (position === null) return '#8a929c';
  const t = Math.min(1, Math.max(0, position));
  const r = Math.round(30 + t * (200 - 30));
  const g = Math.round(100 - t * 60);
  const b = Math.round(220 - t * (220 - 40));
  return `rgb(${r}, ${g}, ${b})`;
}
