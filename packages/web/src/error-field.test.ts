// Which form field a server 400 is about.
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { fieldOfError } from './error-field.js';

const names = ['Torque [Nm]', 'Tool wear [min]', 'Type'];

describe('fieldOfError', () => {
  it('reads the feature from the details of a PREDICT_* error', () => {
    const error = new ApiError(400, 'PREDICT_FEATURE_TYPE', 'Row 0: "Torque [Nm]" must be a number', { row: 0, feature: 'Torque [Nm]' });
    expect(fieldOfError(error, names)).toBe('Torque [Nm]');
  });

  it('reads it from a validation issue path', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'body.row.Type: expected string', {
      issues: [{ path: ['row', 'Type'], message: 'expected string' }],
    });
    expect(fieldOfError(error, names)).toBe('Type');
  });

  it('reads it from the server\'s string path, even when the column name holds a dot', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'body.row.Temp 1.5 [K]: expected number', {
      in: 'body',
      issues: [{ path: 'row.Temp 1.5 [K]', message: 'expected number', code: 'invalid_type' }],
    });
    expect(fieldOfError(error, [...names, 'Temp 1.5 [K]', '5 [K]'])).toBe('Temp 1.5 [K]');
  });

  it('falls back to a quoted feature name in the message, preferring the longest', () => {
    const error = new ApiError(400, 'PREDICT_UNKNOWN_CATEGORY', 'Feature "Tool wear [min]" is odd', {});
    expect(fieldOfError(error, names)).toBe('Tool wear [min]');
  });

  it('names no field when the error is not about one', () => {
    expect(fieldOfError(new ApiError(409, 'MODEL_NO_CHAMPION', 'Train one first', {}), names)).toBeNull();
    expect(fieldOfError(new ApiError(400, 'X', 'bad', { feature: 'Unknown column' }), names)).toBeNull();
  });
});
