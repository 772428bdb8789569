// Reading an MQTT message's payload as readings: JSON objects or arrays naming sensors, or topic-per-sensor values.
import type { ReadingInput } from '@shopfloor/contracts';
import { routeFor, sensorFor, type TopicRoute } from './topic-routes.js';

/** Why a whole message was refused (its readings never reach the store). */
export const MESSAGE_REJECT_REASONS = ['TOPIC_UNMAPPED', 'PAYLOAD_EMPTY', 'PAYLOAD_NOT_JSON', 'PAYLOAD_SHAPE', 'PAYLOAD_TOO_MANY', 'SENSOR_TEMPLATE'] as const;
export type MessageRejectReason = (typeof MESSAGE_REJECT_REASONS)[number];

export type DecodedMessage = { readings: ReadingInput[] } | { reason: MessageRejectReason; message: string };

/** More readings than this in one message is refused whole (one message must fit one facade call). */
export const MAX_READINGS_PER_MESSAGE = 1000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A missing time is the receive time; a time that is neither text nor a number is passed on, so the facade names it per row. */
function timeOf(item: Record<string, unknown>, receivedAt: number): string | number {
  const t = item.time;
  if (t === undefined || t === null) return receivedAt;
  return typeof t === 'string' || typeof t === 'number' ? t : String(t);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Values are passed on as sent (text, NaN, null): the readings facade refuses them per reading with
 * its own codes, exactly as for POST /api/v1/readings. Only what cannot become a reading at all is
 * refused here, naming the topic.
 */
export function decodeMessage(routes: readonly TopicRoute[], topic: string, payload: Uint8Array, receivedAt: number): DecodedMessage {
  const hit = routeFor(routes, topic);
  if (hit === null) return { reason: 'TOPIC_UNMAPPED', message: `${topic}: no configured topic filter matches it` };
  const text = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8').trim();
  if (text === '') return { reason: 'PAYLOAD_EMPTY', message: `${topic}: empty payload` };
  const parsed = parseJson(text);
  if (!parsed.ok) return { reason: 'PAYLOAD_NOT_JSON', message: `${topic}: payload is not JSON (nor a bare number): ${JSON.stringify(text.slice(0, 60))}` };
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (items.length === 0) return { reason: 'PAYLOAD_EMPTY', message: `${topic}: empty array` };
  if (items.length > MAX_READINGS_PER_MESSAGE) return { reason: 'PAYLOAD_TOO_MANY', message: `${topic}: ${items.length} readings in one message; at most ${MAX_READINGS_PER_MESSAGE}` };
  const template = hit.route.sensor;
  if (template === undefined) {
    const readings: ReadingInput[] = [];
    for (const [i, item] of items.entries()) {
      if (!isRecord(item) || typeof item.sensor !== 'string' || item.sensor.trim() === '') {
        return { reason: 'PAYLOAD_SHAPE', message: `${topic}: ${Array.isArray(parsed.value) ? `item ${i}` : 'payload'} is not {sensor, time, value} with a sensor id` };
      }
      readings.push({ sensor: item.sensor, time: timeOf(item, receivedAt), value: item.value });
    }
    return { readings };
  }
  const sensor = sensorFor(template, topic, hit.captured);
  if (sensor === null) return { reason: 'SENSOR_TEMPLATE', message: `${topic}: the sensor template "${template}" gives no sensor id for it` };
  const readings: ReadingInput[] = [];
  for (const [i, item] of items.entries()) {
    if (typeof item === 'number' || typeof item === 'string') readings.push({ sensor, time: receivedAt, value: item });
    else if (isRecord(item) && 'value' in item) readings.push({ sensor, time: timeOf(item, receivedAt), value: item.value });
    else return { reason: 'PAYLOAD_SHAPE', message: `${topic}: ${Array.isArray(parsed.value) ? `item ${i}` : 'payload'} is neither a number nor {time, value}` };
  }
  return { readings };
}
