// OPC UA node list parsing and value changes read as readings: source time first, bad status and arrays refused with a reason.
import { describe, expect, it } from 'vitest';
import { parseOpcuaNodes, readingOf } from './node-readings.js';

const node = { sensor: 'mill-1.torque', nodeId: 'ns=2;s=Mill1.Torque' };
const change = (over: Partial<Parameters<typeof readingOf>[1]>) => ({ good: true, statusName: 'Good', value: 41.5, sourceTimestamp: new Date(1000), serverTimestamp: new Date(2000), ...over });

describe('parseOpcuaNodes', () => {
  it('splits sensor=nodeId at the first = and refuses what is not a node id, naming the variable', () => {
    expect(parseOpcuaNodes(' mill-1.torque=ns=2;s=Mill1.Torque , speed=i=2258', 'NODES')).toEqual([node, { sensor: 'speed', nodeId: 'i=2258' }]);
    expect(() => parseOpcuaNodes('mill-1.torque', 'NODES')).toThrow(/NODES: "mill-1.torque" is not sensor=nodeId/);
    expect(() => parseOpcuaNodes('a=ns=2;x=1', 'NODES')).toThrow(/is not sensor=nodeId/);
    expect(() => parseOpcuaNodes('a=i=1,a=i=2', 'NODES')).toThrow(/sensor "a" is named twice/);
    expect(() => parseOpcuaNodes(' ', 'NODES')).toThrow(/NODES names no node/);
  });
});

describe('readingOf', () => {
  it('reads the source timestamp, else the server timestamp, else the receive time', () => {
    expect(readingOf(node, change({}), 9)).toEqual({ reading: { sensor: 'mill-1.torque', time: 1000, value: 41.5 } });
    expect(readingOf(node, change({ sourceTimestamp: null }), 9)).toEqual({ reading: { sensor: 'mill-1.torque', time: 2000, value: 41.5 } });
    expect(readingOf(node, change({ sourceTimestamp: null, serverTimestamp: null }), 9)).toEqual({ reading: { sensor: 'mill-1.torque', time: 9, value: 41.5 } });
  });

  it('turns a boolean into 1/0 and passes text on for the readings checks to refuse', () => {
    expect(readingOf(node, change({ value: true }), 0)).toMatchObject({ reading: { value: 1 } });
    expect(readingOf(node, change({ value: 'jammed' }), 0)).toMatchObject({ reading: { value: 'jammed' } });
  });

  it('refuses a value whose status is not good, and an array, naming node and sensor', () => {
    expect(readingOf(node, change({ good: false, statusName: 'BadSensorFailure' }), 0)).toEqual({ reason: 'BAD_STATUS', message: 'ns=2;s=Mill1.Torque (mill-1.torque): status BadSensorFailure' });
    expect(readingOf(node, change({ value: new Float64Array(2) }), 0)).toMatchObject({ reason: 'VALUE_NOT_SCALAR' });
  });
});
