// The live health board serving reads, and how request flags and live health pick the inputs never to read.
import { describe, expect, it } from 'vitest';
import { ShopfloorError, type ModelInput } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { createSensorHealthBoard } from './sensor-health-board.js';
import { untrustedInputs } from './untrusted-inputs.js';

const INPUTS: ModelInput[] = [
  { name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm' },
  { name: 'Rotational speed [rpm]', kind: 'numeric', unit: 'rpm', sensorId: 'spindle-speed' },
  { name: 'Tool wear [min]', kind: 'numeric' },
  { name: 'Type', kind: 'categorical', levels: ['H', 'L', 'M'] },
];
const USE_CASE = { inputs: INPUTS, features: [{ name: 'Torque [Nm]', sensorId: 'spindle-torque' }, { name: 'Rotational speed [rpm]' }, { name: 'Tool wear [min]' }, { name: 'Type' }] };

describe('sensor health board', () => {
  it('holds untrusted and suspect sensors with the time they turned, and forgets a sensor trusted again', () => {
    const clock = manualClock('2024-06-01T08:00:00.000Z');
    const board = createSensorHealthBoard(() => clock.now());
    expect(board.get('spindle-torque')).toBe('trusted');
    expect(board.set('spindle-torque', 'untrusted')).toEqual({ sensorId: 'spindle-torque', state: 'untrusted', since: '2024-06-01T08:00:00.000Z' });
    clock.advance(60_000);
    expect(board.set('spindle-torque', 'untrusted').since).toBe('2024-06-01T08:00:00.000Z'); // unchanged state keeps its start
    board.set('air-temp', 'suspect');
    expect(board.entries().map((e) => `${e.sensorId}:${e.state}`)).toEqual(['air-temp:suspect', 'spindle-torque:untrusted']);
    board.set('spindle-torque', 'trusted');
    expect(board.get('spindle-torque')).toBe('trusted');
    expect(board.entries().map((e) => e.sensorId)).toEqual(['air-temp']);
  });
});

describe('untrusted inputs of a prediction', () => {
  const board = createSensorHealthBoard(() => new Date(0));

  it('maps request flags by sensor id or input name to input names, in input order', () => {
    expect(untrustedInputs(USE_CASE, ['spindle-speed', 'Torque [Nm]'], board)).toEqual({ names: ['Torque [Nm]', 'Rotational speed [rpm]'], fromHealth: false });
    expect(untrustedInputs(USE_CASE, ['spindle-torque'], board).names).toEqual(['Torque [Nm]']);
    expect(untrustedInputs(USE_CASE, [], board)).toEqual({ names: [], fromHealth: false });
  });

  it('adds inputs whose sensor is untrusted on the board (an input without a sensor id is keyed by its name); suspect is still read', () => {
    const live = createSensorHealthBoard(() => new Date(0));
    live.set('spindle-torque', 'untrusted');
    live.set('Tool wear [min]', 'untrusted');
    live.set('spindle-speed', 'suspect');
    expect(untrustedInputs(USE_CASE, [], live)).toEqual({ names: ['Torque [Nm]', 'Tool wear [min]'], fromHealth: true });
  });

  it('refuses a flag naming no sensor and no input, listing the known ones', () => {
    try {
      untrustedInputs(USE_CASE, ['torque'], board);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ShopfloorError);
      expect(e).toMatchObject({ code: 'PREDICT_SENSOR_UNKNOWN', status: 400, details: { sensor: 'torque', field: 'untrustedSensors' } });
      expect((e as ShopfloorError).details.known).toContain('spindle-torque');
    }
  });
});
