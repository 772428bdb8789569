// One channel of the trace view on a canvas: min/max per pixel column, trust findings and labels shaded, drag to select.
import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { SensorTrace, TraceSpan } from '@shopfloor/contracts';
import { formatNumber } from '../format.js';
import { timeAt, timeTicks, xOf, type TimeWindow } from '../trace-window.js';

/** A span drawn over the trace: a label (with its class colour) or the selection being dragged. */
export interface ShadedSpan {
  id: string;
  from: number;
  /** null: an event, drawn as a line. */
  to: number | null;
  colour: string;
  selected: boolean;
}

export interface TracePlotProps {
  sensor: string;
  unit: string;
  window: TimeWindow;
  /** Buckets of this window (or of an older one while the new one loads: then drawn rescaled). */
  trace: SensorTrace | null;
  /** True when `trace` was fetched for `window`. */
  fresh: boolean;
  findings: readonly TraceSpan[];
  labels: readonly ShadedSpan[];
  selection: TimeWindow | null;
  /** Expected time between readings: a longer gap between buckets is drawn as a gap, not a line. */
  samplePeriodMs: number;
  width: number;
  height: number;
  showTimeAxis: boolean;
  onDrag: (from: number, to: number, done: boolean) => void;
  onClickAt: (time: number) => void;
  onWheelZoom: (factor: number, anchor: number) => void;
}

const FINDING_COLOURS = { warning: 'rgba(255, 176, 0, 0.28)', critical: 'rgba(179, 38, 30, 0.25)' } as const;
const AXIS_HEIGHT = 22;
const LEFT = 64;

function yRange(trace: SensorTrace | null, window: TimeWindow): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  if (trace !== null) {
    for (let k = 0; k < trace.starts.length; k++) {
      const t = trace.starts[k]!;
      if (t + trace.bucketMs < window.from || t > window.to) continue;
      lo = Math.min(lo, trace.min[k]!);
      hi = Math.max(hi, trace.max[k]!);
    }
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.06 : Math.max(Math.abs(hi) * 0.05, 1);
  return [lo - pad, hi + pad];
}

/** Draws everything; returns nothing, writes only to the canvas. Coordinates in CSS pixels (the context is scaled). */
function draw(ctx: CanvasRenderingContext2D, p: TracePlotProps): void {
  const plotW = p.width - LEFT;
  const plotH = p.height - (p.showTimeAxis ? AXIS_HEIGHT : 0);
  const x = (t: number): number => LEFT + xOf(p.window, t, plotW);
  ctx.clearRect(0, 0, p.width, p.height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(LEFT, 0, plotW, plotH);
  ctx.save();
  ctx.beginPath();
  ctx.rect(LEFT, 0, plotW, plotH);
  ctx.clip();
  for (const f of p.findings) {
    const x0 = Math.max(LEFT, x(f.from));
    const x1 = Math.min(p.width, x(f.to));
    ctx.fillStyle = FINDING_COLOURS[f.severity];
    ctx.fillRect(x0, 0, Math.max(2, x1 - x0), plotH);
  }
  for (const l of p.labels) {
    if (l.to === null) {
      ctx.fillStyle = l.colour;
      ctx.fillRect(x(l.from) - 1, 0, l.selected ? 4 : 2, plotH);
      continue;
    }
    const x0 = x(l.from);
    const w = Math.max(2, x(l.to) - x0);
    ctx.globalAlpha = 0.22;
    ctx.fillStyle = l.colour;
    ctx.fillRect(x0, plotH - 14, w, 14);
    ctx.fillRect(x0, 0, w, plotH);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = l.colour;
    ctx.lineWidth = l.selected ? 3 : 1.5;
    ctx.strokeRect(x0, 1, w, plotH - 2);
  }
  const [lo, hi] = yRange(p.trace, p.window);
  const y = (v: number): number => plotH - 4 - ((v - lo) / (hi - lo)) * (plotH - 8);
  ctx.strokeStyle = '#e1e4e8';
  ctx.lineWidth = 1;
  for (const tick of timeTicks(p.window, Math.max(2, Math.floor(plotW / 110)))) {
    ctx.beginPath();
    ctx.moveTo(Math.round(x(tick.time)) + 0.5, 0);
    ctx.lineTo(Math.round(x(tick.time)) + 0.5, plotH);
    ctx.stroke();
  }
  if (p.trace !== null) drawTrace(ctx, p.trace, x, y, Math.max(2 * p.trace.bucketMs, 3 * p.samplePeriodMs));
  if (p.selection !== null) {
    const x0 = x(Math.min(p.selection.from, p.selection.to));
    const x1 = x(Math.max(p.selection.from, p.selection.to));
    ctx.fillStyle = 'rgba(11, 87, 208, 0.15)';
    ctx.fillRect(x0, 0, x1 - x0, plotH);
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = '#0b57d0';
    ctx.lineWidth = 2;
    ctx.strokeRect(x0, 1, x1 - x0, plotH - 2);
    ctx.setLineDash([]);
  }
  ctx.restore();
  ctx.fillStyle = '#111418';
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText(formatNumber(hi, 3), LEFT - 6, 2);
  ctx.textBaseline = 'bottom';
  ctx.fillText(formatNumber(lo, 3), LEFT - 6, plotH - 2);
  ctx.strokeStyle = '#9aa3ae';
  ctx.strokeRect(LEFT + 0.5, 0.5, plotW - 1, plotH - 1);
  if (p.showTimeAxis) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const tick of timeTicks(p.window, Math.max(2, Math.floor(plotW / 110)))) ctx.fillText(tick.label, x(tick.time), plotH + 4);
  }
}

/**
 * Each bucket is a vertical bar from its min to its max; consecutive buckets closer than `gapMs` are
 * joined so a slow signal reads as a line. One path, one stroke: a few thousand segments at most.
 */
function drawTrace(ctx: CanvasRenderingContext2D, t: SensorTrace, x: (t: number) => number, y: (v: number) => number, gapMs: number): void {
  ctx.strokeStyle = '#0b4fb3';
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  let previous = -Infinity;
  for (let k = 0; k < t.starts.length; k++) {
    const start = t.starts[k]!;
    const px = x(start + t.bucketMs / 2);
    const yMin = y(t.min[k]!);
    const yMax = y(t.max[k]!);
    if (start - previous > gapMs) ctx.moveTo(px, yMax);
    else ctx.lineTo(px, yMax);
    ctx.lineTo(px, Math.max(yMin, yMax + 1));
    previous = start;
  }
  ctx.stroke();
}

export function TracePlot(props: TracePlotProps) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drag = useRef<{ x: number; from: number } | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // The wheel zooms instead of scrolling the page: that needs a listener that is not passive (React's is).
  useEffect(() => {
    const c = canvas.current;
    if (c === null) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const p = latest.current;
      const rect = c.getBoundingClientRect();
      const anchor = Math.min(Math.max((e.clientX - rect.left - LEFT) / (p.width - LEFT), 0), 1);
      p.onWheelZoom(e.deltaY < 0 ? 0.8 : 1.25, anchor);
    };
    c.addEventListener('wheel', onWheel, { passive: false });
    return () => c.removeEventListener('wheel', onWheel);
  }, []);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (c === null || c === undefined || ctx === null || ctx === undefined) return;
    const ratio = window.devicePixelRatio || 1;
    if (c.width !== Math.round(props.width * ratio)) c.width = Math.round(props.width * ratio);
    if (c.height !== Math.round(props.height * ratio)) c.height = Math.round(props.height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    draw(ctx, props);
    // The browser test reads these to time a zoom: which window is on screen, and whether its data has arrived.
    c.dataset['window'] = `${props.window.from}-${props.window.to}`;
    c.dataset['fresh'] = String(props.fresh);
  });

  const plotW = props.width - LEFT;
  const timeOf = (e: { clientX: number }): number => {
    const rect = canvas.current!.getBoundingClientRect();
    return timeAt(props.window, Math.min(Math.max(e.clientX - rect.left - LEFT, 0), plotW), plotW);
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>): void => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, from: timeOf(e) };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>): void => {
    if (drag.current === null || Math.abs(e.clientX - drag.current.x) < 4) return;
    props.onDrag(drag.current.from, timeOf(e), false);
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLCanvasElement>): void => {
    const started = drag.current;
    drag.current = null;
    if (started === null) return;
    if (Math.abs(e.clientX - started.x) < 4) props.onClickAt(started.from);
    else props.onDrag(started.from, timeOf(e), true);
  };

  const readings = props.trace?.readings ?? 0;
  return (
    <canvas
      ref={canvas}
      className="trace-canvas"
      data-testid="trace-canvas"
      data-sensor={props.sensor}
      style={{ width: `${props.width}px`, height: `${props.height}px` }}
      role="img"
      aria-label={`Trace of ${props.sensor}${props.unit === '' ? '' : ` (${props.unit})`}: ${formatNumber(readings)} readings in the window, ${props.findings.length} trust findings shaded`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
    />
  );
}
