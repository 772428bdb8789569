// A plain-SVG x/y chart (lines, dots, reference marks) with labelled axes; no charting library, nothing fetched at run time.
import { useId } from 'react';
import { linearScale, niceTicks } from './chart-scale.js';

export interface XyPoint {
  x: number;
  y: number;
}

export interface XySeries {
  label: string;
  kind: 'line' | 'dots' | 'steps';
  points: readonly XyPoint[];
  /** A CSS colour; series colours come from the stylesheet's palette. */
  color: string;
  dashed?: boolean;
  radius?: number;
}

export interface XyMarker extends XyPoint {
  label: string;
}

export interface XyChartProps {
  title: string;
  /** What the chart shows in one sentence, for screen readers (the svg's accessible name). */
  summary: string;
  xLabel: string;
  yLabel: string;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  series: readonly XySeries[];
  markers?: readonly XyMarker[];
  formatX?: (value: number) => string;
  formatY?: (value: number) => string;
  testId?: string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 46, left: 64 };

export function XyChart(props: XyChartProps) {
  const { title, summary, xLabel, yLabel, xDomain, yDomain, series, markers = [], testId, width = 460, height = 320 } = props;
  const formatX = props.formatX ?? defaultFormat;
  const formatY = props.formatY ?? defaultFormat;
  const titleId = useId();
  const x = linearScale(xDomain, [MARGIN.left, width - MARGIN.right]);
  const y = linearScale(yDomain, [height - MARGIN.bottom, MARGIN.top]);
  const xTicks = niceTicks(xDomain[0], xDomain[1], 5);
  const yTicks = niceTicks(yDomain[0], yDomain[1], 5);
  const clip = (p: XyPoint): XyPoint => ({ x: clamp(p.x, xDomain), y: clamp(p.y, yDomain) });
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption id={titleId}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: ${summary}`} className="chart-svg">
        <g className="chart-grid">
          {xTicks.map((t) => (
            <line key={`x${t}`} x1={x(t)} x2={x(t)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
          ))}
          {yTicks.map((t) => (
            <line key={`y${t}`} x1={MARGIN.left} x2={width - MARGIN.right} y1={y(t)} y2={y(t)} />
          ))}
        </g>
        <g className="chart-axis">
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={height - MARGIN.bottom} y2={height - MARGIN.bottom} />
          <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={height - MARGIN.bottom} />
          {xTicks.map((t) => (
            <text key={`xt${t}`} x={x(t)} y={height - MARGIN.bottom + 16} textAnchor="middle">
              {formatX(t)}
            </text>
          ))}
          {yTicks.map((t) => (
            <text key={`yt${t}`} x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end">
              {formatY(t)}
            </text>
          ))}
          <text className="chart-axis-label" x={(MARGIN.left + width - MARGIN.right) / 2} y={height - 6} textAnchor="middle">
            {xLabel}
          </text>
          <text className="chart-axis-label" transform={`translate(14 ${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">
            {yLabel}
          </text>
        </g>
        {series.map((s) =>
          s.kind === 'dots' ? (
            <g key={s.label} fill={s.color} className="chart-dots">
              {s.points.map((p, i) => (
                <circle key={i} cx={x(clip(p).x)} cy={y(clip(p).y)} r={s.radius ?? 3} />
              ))}
            </g>
          ) : (
            <path
              key={s.label}
              d={pathOf(s.points.map(clip), x, y, s.kind === 'steps')}
              fill="none"
              stroke={s.color}
              strokeWidth={2.5}
              strokeDasharray={s.dashed === true ? '6 5' : undefined}
            />
          ),
        )}
        {markers.map((m) => {
          const cx = x(clip(m).x);
          const cy = y(clip(m).y);
          // Keep the label inside the plot: below the point near the top, left of it near the right edge.
          const right = cx > width - MARGIN.right - 120;
          return (
            <g key={m.label} className="chart-marker">
              <circle cx={cx} cy={cy} r={6} />
              <text x={right ? cx - 9 : cx + 9} y={cy < MARGIN.top + 20 ? cy + 20 : cy - 8} textAnchor={right ? 'end' : 'start'}>
                {m.label}
              </text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.label}>
              <span className={`chart-swatch${s.dashed === true ? ' chart-swatch-dashed' : ''}`} style={{ borderColor: s.color, background: s.kind === 'dots' ? s.color : undefined }} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

function pathOf(points: readonly XyPoint[], x: (v: number) => number, y: (v: number) => number, steps: boolean): string {
  let d = '';
  points.forEach((p, i) => {
    if (i === 0) d += `M${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
    else if (steps) d += `H${x(p.x).toFixed(1)}V${y(p.y).toFixed(1)}`;
    else d += `L${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
  });
  return d;
}

function clamp(v: number, [lo, hi]: readonly [number, number]): number {
  return Math.min(Math.max(v, Math.min(lo, hi)), Math.max(lo, hi));
}

function defaultFormat(value: number): string {
  return String(Number(value.toPrecision(4)));
}
