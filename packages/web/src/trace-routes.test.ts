// The Data and trace addresses: a sensor id with markup, commas or spaces survives the round trip through the hash.
import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './routes.js';

describe('data and trace routes', () => {
  it('opens the Data page', () => {
    expect(parseRoute('#/data')).toEqual({ page: 'data' });
    expect(parseRoute('#/data/')).toEqual({ page: 'data' });
    expect(hrefFor({ page: 'data' })).toBe('#/data');
  });

  it('round-trips a trace of several channels, one with markup in its id, and the use case labels go to', () => {
    const route = { page: 'trace' as const, sensors: ['<img src=x onerror=alert(1)>', 'press.torque,raw', 'a b&c'], useCaseId: 'press failure' };
    const href = hrefFor(route);
    expect(href).not.toContain('<');
    expect(parseRoute(href)).toEqual(route);
  });

  it('opens a trace with no channel or no use case chosen yet, and keeps a sign-in token out', () => {
    expect(parseRoute('#/data/trace')).toEqual({ page: 'trace', sensors: [], useCaseId: null });
    expect(parseRoute('#/data/trace?sensor=t1&token=abc')).toEqual({ page: 'trace', sensors: ['t1'], useCaseId: null });
  });
});
