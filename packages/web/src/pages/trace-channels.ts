// The trace page's data: each channel's trace for the shared window (refetched on zoom), its trust findings, and the plot width.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SensorSpec, SensorTrace, TraceSpan } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { fetchTrace } from '../trace-api.js';
import { unionWindow, type TimeWindow } from '../trace-window.js';

export interface Channel {
  trace: SensorTrace | null;
  findings: TraceSpan[];
  notes: string[];
  health: string | null;
  error: Error | null;
}

export const EMPTY_CHANNEL: Channel = { trace: null, findings: [], notes: [], health: null, error: null };

/** The element's width in CSS pixels, followed as it resizes. */
export function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(1000);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = (): void => setWidth(Math.max(320, Math.floor(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * Opens each channel over its whole stored range with its trust findings (the checks run once, over
 * all of it), sets the shared window to the union, then refetches min/max (no findings) whenever the
 * window or the plot width changes: one request per channel, older ones aborted.
 */
export function useChannels(sensors: readonly SensorSpec[], width: number) {
  const api = useApi();
  const [channels, setChannels] = useState<Record<string, Channel>>({});
  const [bounds, setBounds] = useState<TimeWindow | null>(null);
  const [view, setView] = useState<TimeWindow | null>(null);
  const idsKey = sensors.map((s) => s.id).join('\n');

  useEffect(() => {
    const controller = new AbortController();
    setChannels({});
    setBounds(null);
    const wanted = sensors.map((s) => s.id);
    void Promise.all(
      wanted.map(async (id) => {
        try {
          const trace = await fetchTrace(api, id, { width, findings: true }, controller.signal);
          const f = trace.trailer.findings;
          return [id, { trace, findings: f?.spans ?? [], notes: f?.notes ?? [], health: f?.health ?? null, error: null }] as const;
        } catch (error) {
          if (controller.signal.aborted) throw error;
          return [id, { ...EMPTY_CHANNEL, error: error instanceof Error ? error : new Error(String(error)) }] as const;
        }
      }),
    ).then(
      (loaded) => {
        if (controller.signal.aborted) return;
        setChannels(Object.fromEntries(loaded));
        const all = unionWindow(loaded.flatMap(([, c]) => (c.trace === null ? [] : [{ from: c.trace.from, to: c.trace.to }])));
        setBounds(all);
        setView(all);
      },
      () => undefined,
    );
    return () => controller.abort();
    // Width changes refetch through the window effect below; the open fetch runs once per channel set.
  }, [api, idsKey]);

  // Every change of window (or plot width) refetches min/max for it: one request per channel, older ones aborted.
  useEffect(() => {
    if (view === null) return;
    const controller = new AbortController();
    for (const s of sensors) {
      const current = channels[s.id]?.trace;
      if (current !== null && current !== undefined && current.from === view.from && current.to === view.to && current.starts.length <= width) continue;
      fetchTrace(api, s.id, { window: view, width, findings: false }, controller.signal).then(
        (trace) => {
          if (!controller.signal.aborted) setChannels((c) => ({ ...c, [s.id]: { ...(c[s.id] ?? EMPTY_CHANNEL), trace, error: null } }));
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setChannels((c) => ({ ...c, [s.id]: { ...(c[s.id] ?? EMPTY_CHANNEL), error: error instanceof Error ? error : new Error(String(error)) } }));
        },
      );
    }
    return () => controller.abort();
  }, [api, view?.from, view?.to, width, idsKey]);

  return { channels, bounds, view, setView };
}
