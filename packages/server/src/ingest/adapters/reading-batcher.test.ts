// The reading batcher: full batches flush at once, the rest after the delay, flushes never overlap and keep arrival order.
import { describe, expect, it } from 'vitest';
import { createReadingBatcher, type SourcedReading } from './reading-batcher.js';

const r = (i: number): SourcedReading => ({ source: 't', reading: { sensor: 's', time: i, value: i } });

describe('createReadingBatcher', () => {
  it('splits at the batch size, runs one flush at a time, in arrival order', async () => {
    const seen: number[][] = [];
    let running = 0;
    let overlapped = false;
    const batcher = createReadingBatcher({
      maxReadings: 3,
      maxDelayMs: 50,
      async flush(batch) {
        if (running++ > 0) overlapped = true;
        await new Promise((res) => setTimeout(res, 5));
        seen.push(batch.map((b) => b.reading.time as number));
        running--;
      },
    });
    batcher.add([0, 1, 2, 3, 4, 5, 6].map(r));
    expect(batcher.pending()).toBe(0);
    batcher.add([7].map(r));
    expect(batcher.pending()).toBe(1);
    await batcher.drain();
    expect(seen).toEqual([[0, 1, 2], [3, 4, 5], [6], [7]]);
    expect(overlapped).toBe(false);
  });

  it('flushes a partial batch on its own after the delay', async () => {
    const seen: number[] = [];
    const batcher = createReadingBatcher({ maxReadings: 100, maxDelayMs: 1, flush: async (b) => void seen.push(b.length) });
    batcher.add([1, 2].map(r));
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((res) => setTimeout(res, 5));
    expect(seen).toEqual([2]);
  });
});
