// A hook that loads a page's data and reloads it every few seconds (the line-side screen stays live), keeping the last good answer on screen.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Poll<T> {
  /** The last answer, kept while a reload runs or after one fails. */
  data: T | null;
  /** The last reload's failure; cleared by the next success. */
  error: Error | null;
  /** When the data was last loaded (epoch ms), null before the first answer. */
  loadedAt: number | null;
  /** Reload now (after an action), without waiting for the next tick. */
  refresh: () => void;
}

export function usePoll<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], intervalMs: number): Poll<T> {
  const [state, setState] = useState<Omit<Poll<T>, 'refresh'>>({ data: null, error: null, loadedAt: null });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    setState({ data: null, error: null, loadedAt: null });
    // The caller lists what the load depends on, as with useEffect.
  }, deps);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One load at a time: the next starts intervalMs after the previous one ended, so a slow server is never piled on.
    const run = (): void => {
      loadRef.current(controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          setState({ data, error: null, loadedAt: Date.now() });
          timer = setTimeout(run, intervalMs);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((previous) => ({ ...previous, error: error instanceof Error ? error : new Error(String(error)) }));
          timer = setTimeout(run, intervalMs);
        },
      );
    };
    run();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [...deps, tick, intervalMs]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, refresh };
}
