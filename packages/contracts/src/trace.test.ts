// The binary trace layout: what the server encodes the UI decodes, byte for byte, and a cut or foreign body is refused.
import { describe, expect, it } from 'vitest';
import { TRACE_HEADER_BYTES, decodeTrace, encodeTrace, type TraceParts } from './trace.js';

const parts: TraceParts = {
  from: 1_711_929_600_000,
  to: 1_711_929_600_000 + 3_599_999,
  bucketMs: 3_600_000 / 3,
  readings: 7,
  starts: [1_711_929_600_000, 1_711_929_600_000 + 2_400_000],
  min: [-1.5, 40.25],
  max: [3.1, 1e30],
  count: [4, 3],
  trailer: { sensor: '<img src=x onerror=alert(1)>', unit: '°C', findings: { checked: true, health: 'suspect', spans: [{ code: 'STUCK', severity: 'warning', from: 1, to: 2, message: 'held' }], notes: [] } },
};

describe('sensor trace encoding', () => {
  it('decodes what it encodes: times exact, values to float32, the trailer as sent', () => {
    const bytes = encodeTrace(parts);
    expect(bytes.length).toBe(TRACE_HEADER_BYTES + 20 * 2 + new TextEncoder().encode(JSON.stringify(parts.trailer)).length);
    const got = decodeTrace(bytes);
    expect([got.from, got.to, got.bucketMs, got.readings]).toEqual([parts.from, parts.to, parts.bucketMs, 7]);
    expect(Array.from(got.starts)).toEqual(parts.starts);
    expect(Array.from(got.min)).toEqual([-1.5, Math.fround(40.25)]);
    expect(Array.from(got.max)).toEqual([Math.fround(3.1), Math.fround(1e30)]);
    expect(Array.from(got.count)).toEqual([4, 3]);
    expect(got.trailer).toEqual(parts.trailer);
  });

  it('reads a trace that sits at an odd offset of a larger buffer (as a network chunk may)', () => {
    const bytes = encodeTrace(parts);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(Array.from(decodeTrace(shifted.subarray(3)).starts)).toEqual(parts.starts);
  });

  it('encodes an empty window as a header and a trailer', () => {
    const got = decodeTrace(encodeTrace({ ...parts, readings: 0, starts: [], min: [], max: [], count: [], trailer: { sensor: 's', unit: '', findings: null } }));
    expect(got.starts.length).toBe(0);
    expect(got.trailer.findings).toBeNull();
  });

  it('refuses a cut body, a foreign body and a short one, saying which', () => {
    const bytes = encodeTrace(parts);
    expect(() => decodeTrace(bytes.subarray(0, bytes.length - 1))).toThrow(/header .* says/);
    const foreign = bytes.slice();
    foreign[0] = 0x7b;
    expect(() => decodeTrace(foreign)).toThrow(/Not a Shopfloor trace/);
    expect(() => decodeTrace(new Uint8Array(10))).toThrow(/at least 48 bytes/);
  });
});
