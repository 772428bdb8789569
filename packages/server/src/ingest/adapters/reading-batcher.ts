// Batches readings from many messages into few facade calls: flushed at a count or after a short delay, one flush at a time.
import type { ReadingInput } from '@shopfloor/contracts';

/** A reading with where it came from (an MQTT topic, an OPC UA node id), so a refusal can name it. */
export interface SourcedReading {
  source: string;
  reading: ReadingInput;
}

export interface ReadingBatcherOptions {
  /** Flush as soon as this many readings wait. */
  maxReadings: number;
  /** Flush at most this long after the first reading of a batch arrived. */
  maxDelayMs: number;
  /** Stores one batch; never rejects (failures are counted inside). */
  flush(batch: SourcedReading[]): Promise<void>;
}

export interface ReadingBatcher {
  add(readings: readonly SourcedReading[]): void;
  /** Readings waiting for a flush now. */
  pending(): number;
  /** Flushes what waits and resolves once every flush started so far is done. */
  drain(): Promise<void>;
}

/*
 * Flushes run one after another (a chain of promises), so readings of one sensor reach the store in
 * the order they arrived: the facade refuses a time behind the stored one, and two overlapping flushes
 * could otherwise swap two batches.
 */
export function createReadingBatcher(opts: ReadingBatcherOptions): ReadingBatcher {
  let buffer: SourcedReading[] = [];
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();

  function flushNow(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    while (buffer.length > 0) {
      const batch = buffer.slice(0, opts.maxReadings);
      buffer = buffer.slice(batch.length);
      chain = chain.then(() => opts.flush(batch)).catch(() => undefined);
    }
  }

  return {
    add(readings) {
      if (readings.length === 0) return;
      buffer.push(...readings);
      if (buffer.length >= opts.maxReadings) flushNow();
      else if (timer === null) timer = setTimeout(flushNow, opts.maxDelayMs);
    },
    pending: () => buffer.length,
    async drain() {
      flushNow();
      await chain;
    },
  };
}
