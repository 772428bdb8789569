// A synthetic run-to-failure line for the label-target scenarios: four presses, hourly readings, vibration rising before each failure span.

export const START = Date.parse('2024-01-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** Hours of data per press (every press has a row every hour, also while it is down). */
export const HOURS = 720;
/** A failure span lasts this long: the press is down and repaired. */
export const SPAN_HOURS = 8;
/** Vibration rises over this many hours before a failure starts (longer than the 24 h horizon, so the task is not trivial). */
export const DEGRADE_HOURS = 36;

/** Failure starts per press, in hours after START; spans and their run-up never overlap. */
export const FAILURES: Readonly<Record<string, readonly number[]>> = {
  'press-1': [100, 330, 610],
  'press-2': [150, 420, 650],
  'press-3': [200, 470, 600],
  'press-4': [60, 280, 520, 680],
};

export const iso = (hour: number): string => new Date(START + hour * HOUR).toISOString();

/** Deterministic noise in [-1, 1) (an LCG), so the data is the same on every run. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

/** Where hour h stands for a press: down inside a span, or how far into the run-up to the next failure (0 = healthy, 1 = about to fail). */
function stateAt(starts: readonly number[], h: number): { down: boolean; wear: number } {
  for (const s of starts) {
    if (h >= s && h < s + SPAN_HOURS) return { down: true, wear: 0 };
    if (h < s && s - h <= DEGRADE_HOURS) return { down: false, wear: 1 - (s - h) / DEGRADE_HOURS };
  }
  return { down: false, wear: 0 };
}

/** asset,time,cycle,vibration,temperature: vibration ~1.0 mm/s when healthy, up to ~3.5 just before a failure, ~0.2 while down. */
export function runToFailureCsv(): string {
  const rand = noise(42);
  const lines = ['asset,time,cycle,vibration,temperature'];
  for (let h = 0; h < HOURS; h++) {
    for (const [asset, starts] of Object.entries(FAILURES)) {
      const { down, wear } = stateAt(starts, h);
      const vibration = down ? 0.2 + 0.05 * rand() : 1 + 2.5 * wear * wear + 0.35 * rand();
      const temperature = (down ? 25 : 60) + 3 * rand();
      lines.push(`${asset},${iso(h)},${h},${vibration.toFixed(3)},${temperature.toFixed(2)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface FailureLabel {
  asset: string;
  start: string;
  end: string;
  class: string;
  note: string;
}

/** One failure span label per failure, optionally leaving some out (late labels). */
export function failureLabels(skip: (asset: string, startHour: number) => boolean = () => false): FailureLabel[] {
  return Object.entries(FAILURES).flatMap(([asset, starts]) =>
    starts.filter((s) => !skip(asset, s)).map((s) => ({ asset, start: iso(s), end: iso(s + SPAN_HOURS), class: 'failure', note: `bearing failure at hour ${s}` })),
  );
}

/**
 * The target counts a horizon of H hours must give with these labels, by a direct scan of every row:
 * positive when a labelled failure starts within [t, t + H], left out inside a labelled span, else negative.
 */
export function expectedTargetCounts(labels: readonly FailureLabel[], horizonHours: number): { positive: number; negative: number; duringSpan: number } {
  const counts = { positive: 0, negative: 0, duringSpan: 0 };
  for (const asset of Object.keys(FAILURES)) {
    const mine = labels.filter((l) => l.asset === asset).map((l) => ({ start: Date.parse(l.start), end: Date.parse(l.end) }));
    for (let h = 0; h < HOURS; h++) {
      const t = START + h * HOUR;
      if (mine.some((l) => l.start <= t && t < l.end)) counts.duringSpan++;
      else if (mine.some((l) => l.start >= t && l.start <= t + horizonHours * HOUR)) counts.positive++;
      else counts.negative++;
    }
  }
  return counts;
}
