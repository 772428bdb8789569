// Topic routes and payload decoding: which topics carry which sensors, and what is refused whole with a reason.
import { describe, expect, it } from 'vitest';
import { decodeMessage } from './payload.js';
import { matchTopic, parseTopicRoutes } from './topic-routes.js';

const routes = parseTopicRoutes('plant/readings/#,plant/+/torque={1}.torque', 'TOPICS');
const bytes = (s: string) => new TextEncoder().encode(s);
const AT = Date.parse('2024-05-01T06:00:00Z');

describe('topic routes', () => {
  it('matches + and # the MQTT way and captures the levels they stand for', () => {
    expect(matchTopic('plant/+/torque', 'plant/mill-1/torque')).toEqual(['mill-1']);
    expect(matchTopic('plant/+/torque', 'plant/mill-1/speed')).toBeNull();
    expect(matchTopic('plant/readings/#', 'plant/readings')).toEqual(['']);
    expect(matchTopic('plant/readings/#', 'plant/readings/a/b')).toEqual(['a/b']);
    expect(matchTopic('#', '$SYS/broker')).toBeNull();
  });

  it('refuses a malformed filter or a template naming a wildcard the filter lacks, naming the variable', () => {
    expect(() => parseTopicRoutes('plant/x#', 'TOPICS')).toThrow(/TOPICS: "plant\/x#" is not an MQTT topic filter/);
    expect(() => parseTopicRoutes('plant/+/t={2}', 'TOPICS')).toThrow(/must be non-empty and name only \{1\}..\{1\}/);
  });
});

describe('decodeMessage', () => {
  it('reads {sensor,time,value} objects and arrays, a missing time being the receive time', () => {
    expect(decodeMessage(routes, 'plant/readings', bytes('{"sensor":"a","time":"2024-05-01T06:00:00Z","value":1}'), AT)).toEqual({ readings: [{ sensor: 'a', time: '2024-05-01T06:00:00Z', value: 1 }] });
    expect(decodeMessage(routes, 'plant/readings/x', bytes('[{"sensor":"a","value":1},{"sensor":"b","time":5,"value":"2"}]'), AT)).toEqual({
      readings: [{ sensor: 'a', time: AT, value: 1 }, { sensor: 'b', time: 5, value: '2' }],
    });
  });

  it('reads a topic-per-sensor payload: a bare number, {time,value} or an array of them', () => {
    expect(decodeMessage(routes, 'plant/mill-2/torque', bytes(' 41.5 '), AT)).toEqual({ readings: [{ sensor: 'mill-2.torque', time: AT, value: 41.5 }] });
    expect(decodeMessage(routes, 'plant/mill-2/torque', bytes('[{"time":1,"value":2},{"time":2,"value":null}]'), AT)).toEqual({
      readings: [{ sensor: 'mill-2.torque', time: 1, value: 2 }, { sensor: 'mill-2.torque', time: 2, value: null }],
    });
  });

  it('refuses what cannot become readings with a reason naming the topic', () => {
    const reason = (topic: string, payload: string) => {
      const d = decodeMessage(routes, topic, bytes(payload), AT);
      return 'reason' in d ? `${d.reason}: ${d.message}` : 'decoded';
    };
    expect(reason('other/topic', '1')).toMatch(/^TOPIC_UNMAPPED: other\/topic/);
    expect(reason('plant/readings', '  ')).toMatch(/^PAYLOAD_EMPTY/);
    expect(reason('plant/readings', '[]')).toMatch(/^PAYLOAD_EMPTY/);
    expect(reason('plant/readings', 'hot')).toMatch(/^PAYLOAD_NOT_JSON: plant\/readings: payload is not JSON/);
    expect(reason('plant/readings', '[{"sensor":"a","value":1},{"value":2}]')).toMatch(/^PAYLOAD_SHAPE: plant\/readings: item 1 is not \{sensor, time, value\}/);
    expect(reason('plant/mill-1/torque', '{"t":1}')).toMatch(/^PAYLOAD_SHAPE/);
    expect(reason('plant/readings', JSON.stringify(Array.from({ length: 1001 }, () => ({ sensor: 'a', value: 1 }))))).toMatch(/^PAYLOAD_TOO_MANY/);
  });
});
