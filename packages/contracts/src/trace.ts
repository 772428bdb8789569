// A sensor trace as the plot needs it: min/max per pixel column in a compact binary form, and trust findings as spans.
import { z } from 'zod';
import { TrustIssueCode, TrustSeverity } from './sensors.js';

// contracts compiles without DOM or Node types; both runtimes have these.
declare const TextEncoder: { new (): { encode(text: string): Uint8Array } };
declare const TextDecoder: { new (): { decode(bytes: Uint8Array): string } };

export const MAX_TRACE_WIDTH = 10_000;

export const SensorTraceQuery = z.object({
  from: z.string().min(1).optional().describe("Window start: ISO 8601 (with offset, or a wall time in the site time zone) or epoch ms; inclusive. Default: the sensor's first reading"),
  to: z.string().min(1).optional().describe("Window end, as from; inclusive. Default: the sensor's last reading"),
  width: z.coerce.number().int().min(1).max(MAX_TRACE_WIDTH).default(1000).describe('Buckets (pixel columns) the window is cut into'),
  findings: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .default(true)
    .describe('Run the trust checks over the window and append their spans (false: min/max only, for a zoom over a window whose findings the client has)'),
  referenceFraction: z.coerce.number().gt(0).max(0.9).default(0.2).describe('With findings: baselines are fitted on this first share of the window'),
});
export type SensorTraceQuery = z.infer<typeof SensorTraceQuery>;

/** One trust finding on the trace: a shaded span [from, to] (epoch ms UTC, inclusive). */
export const TraceSpan = z.object({
  code: TrustIssueCode,
  severity: TrustSeverity,
  from: z.number(),
  to: z.number(),
  message: z.string(),
});
export type TraceSpan = z.infer<typeof TraceSpan>;

/** The JSON trailer of a trace: null findings when they were not asked for. */
export const TraceTrailer = z.object({
  sensor: z.string(),
  unit: z.string(),
  findings: z
    .object({
      checked: z.boolean(),
      health: z.string(),
      spans: z.array(TraceSpan),
      notes: z.array(z.string()),
    })
    .nullable(),
});
export type TraceTrailer = z.infer<typeof TraceTrailer>;

/** A decoded trace: bucket k covers [starts[k], starts[k] + bucketMs) and holds count[k] readings. */
export interface SensorTrace {
  from: number;
  to: number;
  bucketMs: number;
  /** Readings in the whole window. */
  readings: number;
  starts: Float64Array;
  min: Float32Array;
  max: Float32Array;
  count: Uint32Array;
  trailer: TraceTrailer;
}

export const TRACE_MAGIC = 0x31544653; // "SFT1" read as a little-endian uint32
export const TRACE_HEADER_BYTES = 48;

/**
 * The binary layout (`application/vnd.shopfloor.trace`, all little-endian), n = buckets with readings:
 *
 *   offset        size  type         field
 *   0             4     uint32       magic 0x31544653 ("SFT1" in ASCII)
 *   4             4     uint32       n
 *   8             8     float64      from (epoch ms UTC, inclusive)
 *   16            8     float64      to (epoch ms UTC, inclusive)
 *   24            8     float64      bucketMs = (to - from + 1) / width
 *   32            8     float64      readings in the window
 *   40            4     uint32       trailer byte length t
 *   44            4     -            zero padding (keeps the float64 array 8-aligned)
 *   48            8n    float64[n]   bucket start times (from + index * bucketMs), ascending
 *   48+8n         4n    float32[n]   min value per bucket
 *   48+12n        4n    float32[n]   max value per bucket
 *   48+16n        4n    uint32[n]    readings per bucket
 *   48+20n        t     UTF-8 JSON   TraceTrailer (sensor, unit, findings)
 *
 * Empty buckets are left out, so a dropout is a gap in `starts`. Values are float32 because a pixel
 * cannot show more than 7 significant digits; times stay float64 (epoch ms needs 41+ bits).
 */
export const TRACE_CONTENT_TYPE = 'application/vnd.shopfloor.trace';

/** What encodeTrace takes: a SensorTrace whose arrays may be any array-like of numbers. */
export type TraceParts = Omit<SensorTrace, 'starts' | 'min' | 'max' | 'count'> & Record<'starts' | 'min' | 'max' | 'count', ArrayLike<number>>;

export function encodeTrace(trace: TraceParts): Uint8Array {
  const n = trace.starts.length;
  const trailer = new TextEncoder().encode(JSON.stringify(trace.trailer));
  const bytes = new Uint8Array(TRACE_HEADER_BYTES + 20 * n + trailer.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, TRACE_MAGIC, true);
  view.setUint32(4, n, true);
  view.setFloat64(8, trace.from, true);
  view.setFloat64(16, trace.to, true);
  view.setFloat64(24, trace.bucketMs, true);
  view.setFloat64(32, trace.readings, true);
  view.setUint32(40, trailer.length, true);
  let at = TRACE_HEADER_BYTES;
  for (let k = 0; k < n; k++, at += 8) view.setFloat64(at, trace.starts[k]!, true);
  for (let k = 0; k < n; k++, at += 4) view.setFloat32(at, trace.min[k]!, true);
  for (let k = 0; k < n; k++, at += 4) view.setFloat32(at, trace.max[k]!, true);
  for (let k = 0; k < n; k++, at += 4) view.setUint32(at, trace.count[k]!, true);
  bytes.set(trailer, at);
  return bytes;
}

/** Reads the layout above; throws naming what is wrong when the bytes are not a whole trace. */
export function decodeTrace(buffer: ArrayBuffer | Uint8Array): SensorTrace {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length < TRACE_HEADER_BYTES) throw new Error(`A trace needs at least ${TRACE_HEADER_BYTES} bytes; got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== TRACE_MAGIC) throw new Error(`Not a Shopfloor trace: magic 0x${magic.toString(16)}, expected 0x${TRACE_MAGIC.toString(16)}`);
  const n = view.getUint32(4, true);
  const t = view.getUint32(40, true);
  const expected = TRACE_HEADER_BYTES + 20 * n + t;
  if (bytes.length !== expected) throw new Error(`The trace holds ${bytes.length} bytes; its header (${n} buckets, ${t}-byte trailer) says ${expected}`);
  // Copies, so the arrays are aligned whatever offset the bytes came at, and little-endian on any host.
  const starts = new Float64Array(n);
  const min = new Float32Array(n);
  const max = new Float32Array(n);
  const count = new Uint32Array(n);
  let at = TRACE_HEADER_BYTES;
  for (let k = 0; k < n; k++, at += 8) starts[k] = view.getFloat64(at, true);
  for (let k = 0; k < n; k++, at += 4) min[k] = view.getFloat32(at, true);
  for (let k = 0; k < n; k++, at += 4) max[k] = view.getFloat32(at, true);
  for (let k = 0; k < n; k++, at += 4) count[k] = view.getUint32(at, true);
  const trailer = TraceTrailer.parse(JSON.parse(new TextDecoder().decode(bytes.subarray(at, at + t))));
  return {
    from: view.getFloat64(8, true),
    to: view.getFloat64(16, true),
    bucketMs: view.getFloat64(24, true),
    readings: view.getFloat64(32, true),
    starts,
    min,
    max,
    count,
    trailer,
  };
}
