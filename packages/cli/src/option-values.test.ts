// Option values: learner parameters, column kinds and feature units as users type them.
import { describe, expect, it } from 'vitest';
import { CliError } from './exit-codes.js';
import { parseColumnKinds, parseFeature, parseIntegerOption, parseParams } from './option-values.js';

describe('option values', () => {
  it('reads learner parameters as numbers, booleans or words', () => {
    expect(parseParams(['maxIter=300', 'learningRate=0.05', 'x=true', 'objective=binary'])).toEqual({
      maxIter: 300,
      learningRate: 0.05,
      x: true,
      objective: 'binary',
    });
  });

  it('refuses a parameter without a value as a usage error naming it', () => {
    expect(() => parseParams(['maxIter'])).toThrow(CliError);
    expect(() => parseParams(['maxIter'])).toThrow(/--param "maxIter": expected KEY=VALUE/);
  });

  it('checks column kinds against the catalogue', () => {
    expect(parseColumnKinds(['UDI=id', 'Type=categorical'])).toEqual({ UDI: 'id', Type: 'categorical' });
    expect(() => parseColumnKinds(['UDI=identifier'])).toThrow(/kind must be one of numeric, categorical/);
  });

  it('splits the unit after the last colon and keeps brackets in names', () => {
    expect(parseFeature('Torque [Nm]:Nm')).toEqual({ name: 'Torque [Nm]', unit: 'Nm' });
    expect(parseFeature('Type')).toEqual({ name: 'Type' });
    expect(parseFeature('line:3:bar')).toEqual({ name: 'line:3', unit: 'bar' });
  });

  it('bounds integer options', () => {
    expect(parseIntegerOption('--port', '8080', 0, 65535)).toBe(8080);
    expect(() => parseIntegerOption('--port', '80a', 0, 65535)).toThrow(/--port "80a": expected an integer from 0 to 65535/);
    expect(() => parseIntegerOption('--port', '70000', 0, 65535)).toThrow(CliError);
  });
});
