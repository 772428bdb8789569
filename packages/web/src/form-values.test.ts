// The prediction form: start values from training statistics, parsing typed numbers, range warnings.
import type { ModelInput } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { initialValues, parseNumber, rangeStatus, toRow } from './form-values.js';

const torque: ModelInput = { name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm', min: 3.8, max: 76.6, median: 40.1 };
const speed: ModelInput = { name: 'Rotational speed [rpm]', kind: 'numeric', min: 1168, max: 2886 };
const type: ModelInput = { name: 'Type', kind: 'categorical', levels: ['L', 'M', 'H'] };
const coolant: ModelInput = { name: 'Coolant on', kind: 'boolean', median: 1 };
const inputs = [torque, speed, type, coolant];

describe('initialValues', () => {
  it('starts numbers at the median, else mid-range, levels at the first, booleans from the median', () => {
    expect(initialValues(inputs)).toEqual({ 'Torque [Nm]': '40.1', 'Rotational speed [rpm]': '2027', Type: 'L', 'Coolant on': true });
  });

  it('writes medians without float noise', () => {
    expect(initialValues([{ ...torque, median: 0.1 + 0.2 }])['Torque [Nm]']).toBe('0.3');
  });
});

describe('parseNumber', () => {
  it('reads plain, signed, exponent and decimal-comma numbers', () => {
    expect(parseNumber(' 42 ')).toBe(42);
    expect(parseNumber('-1.5')).toBe(-1.5);
    expect(parseNumber('40,7')).toBe(40.7);
    expect(parseNumber('1e3')).toBe(1000);
  });

  it('returns null for empty and undefined for text that is not a number', () => {
    expect(parseNumber('  ')).toBeNull();
    expect(parseNumber('forty')).toBeUndefined();
    expect(parseNumber('1.2.3')).toBeUndefined();
    expect(parseNumber('1,200.5')).toBeUndefined();
  });
});

describe('rangeStatus', () => {
  it('warns below and above the training range and not at its edges', () => {
    expect(rangeStatus(torque, '3.7')).toBe('below');
    expect(rangeStatus(torque, '3.8')).toBe('inside');
    expect(rangeStatus(torque, '76.6')).toBe('inside');
    expect(rangeStatus(torque, '80')).toBe('above');
  });

  it('cannot judge a value it cannot read or a feature without a range', () => {
    expect(rangeStatus(torque, 'x')).toBe('unknown');
    expect(rangeStatus({ name: 'n', kind: 'numeric' }, '5')).toBe('unknown');
    expect(rangeStatus(type, 'L')).toBe('unknown');
  });
});

describe('toRow', () => {
  it('builds the request row keyed by column name, with typed values', () => {
    const values = { 'Torque [Nm]': '41,5', 'Rotational speed [rpm]': '1500', Type: 'H', 'Coolant on': false };
    expect(toRow(inputs, values)).toEqual({
      row: { 'Torque [Nm]': 41.5, 'Rotational speed [rpm]': 1500, Type: 'H', 'Coolant on': false },
      fieldErrors: {},
    });
  });

  it('asks for a reading instead of sending a blank as a missing sensor', () => {
    const result = toRow(inputs, { ...initialValues(inputs), 'Rotational speed [rpm]': '  ' });
    expect(result.fieldErrors).toEqual({ 'Rotational speed [rpm]': 'Enter a reading' });
  });

  it('names the field whose text is not a number instead of sending it', () => {
    const result = toRow(inputs, { ...initialValues(inputs), 'Torque [Nm]': 'abc' });
    expect(result.fieldErrors).toEqual({ 'Torque [Nm]': '"abc" is not a number' });
    expect(result.row).not.toHaveProperty('Torque [Nm]');
  });
});
