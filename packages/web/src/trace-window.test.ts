// Zoom, pan and the time axis of the trace view: the anchor stays put, the window stays inside the data, ticks are round.
import { describe, expect, it } from 'vitest';
import { clampWindow, formatDuration, formatWindow, panWindow, timeAt, timeTicks, unionWindow, xOf, zoomWindow } from './trace-window.js';

const T0 = Date.UTC(2024, 3, 1);
const HOUR = 3_600_000;
const bounds = { from: T0, to: T0 + 10 * HOUR };

describe('trace window', () => {
  it('zooms in around the anchor: the time under the cursor stays under it', () => {
    const w = { from: T0, to: T0 + 10 * HOUR };
    const z = zoomWindow(w, 0.5, 0.4, bounds);
    expect(z.to - z.from).toBe(5 * HOUR);
    expect(timeAt(z, 0.4 * 800, 800)).toBeCloseTo(timeAt(w, 0.4 * 800, 800), -1);
  });

  it('zooms out no further than the data, and in no closer than a second', () => {
    const w = { from: T0 + HOUR, to: T0 + 3 * HOUR };
    expect(zoomWindow(w, 100, 0.5, bounds)).toEqual(bounds);
    const tiny = zoomWindow(w, 1e-9, 0.5, bounds);
    expect(tiny.to - tiny.from).toBe(1000);
  });

  it('pans by a share of the window and stops at either end of the data', () => {
    const w = { from: T0 + 2 * HOUR, to: T0 + 4 * HOUR };
    expect(panWindow(w, 0.25, bounds)).toEqual({ from: T0 + 2.5 * HOUR, to: T0 + 4.5 * HOUR });
    expect(panWindow(w, -5, bounds)).toEqual({ from: T0, to: T0 + 2 * HOUR });
    expect(panWindow(w, 50, bounds)).toEqual({ from: T0 + 8 * HOUR, to: T0 + 10 * HOUR });
  });

  it('keeps a window wider than the data to the data', () => {
    expect(clampWindow({ from: T0 - HOUR, to: T0 + 20 * HOUR }, bounds)).toEqual(bounds);
  });

  it('maps pixels to times and back', () => {
    const w = { from: T0, to: T0 + 1000 };
    expect(xOf(w, T0 + 250, 400)).toBe(100);
    expect(timeAt(w, 100, 400)).toBe(T0 + 250);
  });

  it('unites channel windows', () => {
    expect(unionWindow([{ from: 5, to: 9 }, { from: 2, to: 7 }])).toEqual({ from: 2, to: 9 });
    expect(unionWindow([])).toBeNull();
  });

  it('puts ticks on round times with the date on the first tick of a day', () => {
    const ticks = timeTicks({ from: T0 + 23 * HOUR - 1, to: T0 + 26 * HOUR }, 8);
    expect(ticks.map((t) => t.label)).toEqual(['2024-04-01 23:00', '23:30', '2024-04-02 00:00', '00:30', '01:00', '01:30', '02:00']);
    expect(ticks.every((t) => t.time % (30 * 60_000) === 0)).toBe(true);
    expect(timeTicks({ from: T0, to: T0 + 10_000 }, 2).map((t) => t.label)).toEqual(['2024-04-01 00:00:00', '00:00:05', '00:00:10']);
  });

  it('writes windows and durations for people', () => {
    expect(formatWindow({ from: T0, to: T0 + 90 * 60_000 })).toBe('2024-04-01 00:00:00 – 2024-04-01 01:30:00 UTC');
    expect([formatDuration(90_000), formatDuration(12 * 60_000), formatDuration(3.5 * HOUR), formatDuration(48 * HOUR)]).toEqual(['2 min', '12 min', '3.5 h', '2 d']);
  });
});
