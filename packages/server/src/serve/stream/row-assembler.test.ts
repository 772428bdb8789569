// The row assembler and sensor-to-input mapping: rows form when complete and fresh, at most once per interval, per entity.
import { describe, expect, it } from 'vitest';
import { RowAssembler } from './row-assembler.js';
import { inputsOfSensor } from './sensor-inputs.js';

const slot = (value: number, time: number, sensor = 's') => ({ value, time, sensor });

describe('RowAssembler', () => {
  it('forms a row per entity once every input has a value, with the constants and the sensors that gave each value', () => {
    const a = new RowAssembler(['torque', 'speed'], { Type: 'M' }, { intervalMs: 0, maxAgeMs: 1000 });
    a.update('mill-1', 'torque', slot(40, 100, 'mill-1.torque'));
    a.update('mill-2', 'torque', slot(41, 100));
    expect(a.take()).toEqual({ rows: [], stale: 0, incomplete: 2 });
    a.update('mill-1', 'speed', slot(1500, 200, 'mill-1.speed'));
    expect(a.take().rows).toEqual([{ entity: 'mill-1', time: 200, row: { Type: 'M', torque: 40, speed: 1500 }, sensors: { torque: 'mill-1.torque', speed: 'mill-1.speed' } }]);
    expect(a.take().rows).toEqual([]); // nothing updated since
  });

  it('does not score a row with an input older than the staleness limit, and scores it again once refreshed', () => {
    const a = new RowAssembler(['torque', 'speed'], {}, { intervalMs: 0, maxAgeMs: 1000 });
    a.update('m', 'torque', slot(40, 0));
    a.update('m', 'speed', slot(1500, 1000));
    expect(a.take().rows).toHaveLength(1); // exactly at the limit
    a.update('m', 'speed', slot(1510, 1001));
    expect(a.take()).toEqual({ rows: [], stale: 1, incomplete: 0 });
    a.update('m', 'torque', slot(42, 1001));
    expect(a.take().rows.map((r) => r.row)).toEqual([{ torque: 42, speed: 1510 }]);
  });

  it('scores an entity at most once per interval of reading time, and ignores a late older reading', () => {
    const a = new RowAssembler(['x'], {}, { intervalMs: 1000, maxAgeMs: 10_000 });
    a.update('m', 'x', slot(1, 0));
    expect(a.take().rows).toHaveLength(1);
    a.update('m', 'x', slot(2, 999));
    expect(a.take().rows).toHaveLength(0);
    a.update('m', 'x', slot(0, 500)); // older than the kept value: dropped
    a.update('m', 'x', slot(3, 1000));
    expect(a.take().rows.map((r) => r.row.x)).toEqual([3]);
  });
});

describe('RowAssembler.seed', () => {
  it('knows seeded values but scores only once a new reading arrives', () => {
    const a = new RowAssembler(['torque', 'speed'], {}, { intervalMs: 0, maxAgeMs: 1000 });
    a.seed('m', 'torque', slot(40, 100));
    a.seed('m', 'speed', slot(1500, 100));
    expect(a.take().rows).toEqual([]);
    a.update('m', 'speed', slot(1510, 200));
    expect(a.take().rows.map((r) => r.row)).toEqual([{ torque: 40, speed: 1510 }]);
  });
});

describe('inputsOfSensor', () => {
  const useCase = {
    features: [{ name: 'Torque [Nm]', sensorId: 'torque' }],
    inputs: [
      { name: 'Torque [Nm]', kind: 'numeric' as const },
      { name: 'Speed', kind: 'numeric' as const, sensorId: 'line.speed' },
      { name: 'Type', kind: 'categorical' as const },
    ],
  };
  const fillable = new Set(['Torque [Nm]', 'Speed']);
  it("maps the input's sensor id, bare or prefixed with the sensor's asset, and an explicit map first", () => {
    expect(inputsOfSensor(useCase, {}, { id: 'torque', asset: 'mill-1' }, fillable)).toEqual(['Torque [Nm]']);
    expect(inputsOfSensor(useCase, {}, { id: 'mill-2.torque', asset: 'mill-2' }, fillable)).toEqual(['Torque [Nm]']);
    expect(inputsOfSensor(useCase, {}, { id: 'mill-2.torque', asset: 'mill-3' }, fillable)).toEqual([]);
    expect(inputsOfSensor(useCase, {}, { id: 'line.speed', asset: 'mill-1' }, fillable)).toEqual(['Speed']);
    expect(inputsOfSensor(useCase, { 'm1-rpm': 'Speed' }, { id: 'm1-rpm', asset: 'mill-1' }, fillable)).toEqual(['Speed']);
    expect(inputsOfSensor(useCase, { Type: 'Type' }, { id: 'Type', asset: 'mill-1' }, fillable)).toEqual([]);
  });
});
