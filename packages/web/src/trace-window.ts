// The trace view's time window: zoom and pan math, pixel <-> time mapping, and readable time-axis ticks.

/** A time window in epoch ms UTC, both ends inclusive. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** The narrowest window a zoom reaches: one second (readings are stored to the millisecond). */
export const MIN_WINDOW_MS = 1000;

/** Keeps a window inside `bounds` (moving it, not shrinking it) and at least MIN_WINDOW_MS wide. */
export function clampWindow(w: TimeWindow, bounds: TimeWindow): TimeWindow {
  const boundsSpan = bounds.to - bounds.from;
  let span = Math.min(Math.max(w.to - w.from, Math.min(MIN_WINDOW_MS, boundsSpan)), boundsSpan);
  span = Math.max(span, 1);
  let from = Math.round(w.from);
  if (from < bounds.from) from = bounds.from;
  if (from + span > bounds.to) from = bounds.to - span;
  return { from, to: Math.round(from + span) };
}

/**
 * Zooms by `factor` (< 1 in, > 1 out) keeping the time under `anchor` (0..1 across the plot) where it is:
 *
 *   before  |------------x-----------------|
 *   after        |------x----------|          (anchor 0.4, factor 0.5)
 */
export function zoomWindow(w: TimeWindow, factor: number, anchor: number, bounds: TimeWindow): TimeWindow {
  const span = w.to - w.from;
  const at = w.from + anchor * span;
  const next = span * factor;
  return clampWindow({ from: at - anchor * next, to: at + (1 - anchor) * next }, bounds);
}

/** Moves the window by `share` of its width (negative: back in time). */
export function panWindow(w: TimeWindow, share: number, bounds: TimeWindow): TimeWindow {
  const shift = (w.to - w.from) * share;
  return clampWindow({ from: w.from + shift, to: w.to + shift }, bounds);
}

/** The time at pixel `x` of a plot `width` pixels wide. */
export function timeAt(w: TimeWindow, x: number, width: number): number {
  return w.from + (x / width) * (w.to - w.from);
}

/** The pixel of time `t` (may be outside 0..width). */
export function xOf(w: TimeWindow, t: number, width: number): number {
  return ((t - w.from) / (w.to - w.from)) * width;
}

/** The smallest window holding all of them; null for none. */
export function unionWindow(windows: readonly TimeWindow[]): TimeWindow | null {
  if (windows.length === 0) return null;
  return { from: Math.min(...windows.map((w) => w.from)), to: Math.max(...windows.map((w) => w.to)) };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY,
];

export interface TimeTick {
  time: number;
  label: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Tick label in UTC, as precise as the step needs: "2024-04-01", "08:30", "08:30:15". */
function tickLabel(t: number, step: number, showDate: boolean): string {
  const d = new Date(t);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (step >= DAY) return date;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${step < MINUTE ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return showDate ? `${date} ${time}` : time;
}

/** Ticks on round UTC times, at most about `maxTicks` of them; the first tick of each day carries the date. */
export function timeTicks(w: TimeWindow, maxTicks: number): TimeTick[] {
  const span = w.to - w.from;
  const step = STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const ticks: TimeTick[] = [];
  let lastDay = '';
  for (let t = Math.ceil(w.from / step) * step; t <= w.to; t += step) {
    const day = new Date(t).toISOString().slice(0, 10);
    ticks.push({ time: t, label: tickLabel(t, step, day !== lastDay) });
    lastDay = day;
  }
  return ticks;
}

/** A window as plant people read it: "2024-04-01 08:00:00 – 2024-04-01 09:30:00 UTC". */
export function formatWindow(w: TimeWindow): string {
  const text = (t: number): string => new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace('Z', '');
  return `${text(w.from)} – ${text(w.to)} UTC`;
}

/** A duration in the largest fitting unit: "90 s", "12 min", "3.5 h", "2 d". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${Number((ms / HOUR).toFixed(1))} h`;
  return `${Number((ms / DAY).toFixed(1))} d`;
}
