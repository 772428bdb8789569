// The clock every stage reads time from: the system's in production, a hand-moved one in tests.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(milliseconds: number): void;
}

/** A clock that stands still until moved; `now()` returns a fresh Date each call so callers cannot mutate it. */
export function manualClock(start: Date | string = '2024-01-01T00:00:00.000Z'): ManualClock {
  let ms = new Date(start).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`manualClock: "${String(start)}" is not a date`);
  return {
    now: () => new Date(ms),
    set(at) {
      const next = new Date(at).getTime();
      if (Number.isNaN(next)) throw new RangeError(`manualClock.set: "${String(at)}" is not a date`);
      ms = next;
    },
    advance(milliseconds) {
      ms += milliseconds;
    },
  };
}
