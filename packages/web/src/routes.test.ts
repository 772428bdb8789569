// Hash routes: what each address opens and the links the pages write.
import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './routes.js';

describe('parseRoute', () => {
  it('opens the use-case list for an empty hash and for #/', () => {
    expect(parseRoute('')).toEqual({ page: 'use-cases' });
    expect(parseRoute('#')).toEqual({ page: 'use-cases' });
    expect(parseRoute('#/')).toEqual({ page: 'use-cases' });
  });

  it('opens a use case by its id, with or without a trailing slash or query', () => {
    expect(parseRoute('#/use-cases/ai4i-machine-failure')).toEqual({ page: 'use-case', useCaseId: 'ai4i-machine-failure' });
    expect(parseRoute('#/use-cases/ai4i/')).toEqual({ page: 'use-case', useCaseId: 'ai4i' });
    expect(parseRoute('#/use-cases/ai4i?x=1')).toEqual({ page: 'use-case', useCaseId: 'ai4i' });
  });

  it('ignores a sign-in token riding in the hash', () => {
    expect(parseRoute('#token=abc')).toEqual({ page: 'use-cases' });
    expect(parseRoute('#/use-cases/ai4i?token=abc')).toEqual({ page: 'use-case', useCaseId: 'ai4i' });
  });

  it('says not found for anything else, including a broken escape', () => {
    expect(parseRoute('#/models')).toEqual({ page: 'not-found', hash: '#/models' });
    expect(parseRoute('#/use-cases/%E0%A4%A')).toEqual({ page: 'not-found', hash: '#/use-cases/%E0%A4%A' });
  });

  it("opens a use case's models and playground pages", () => {
    expect(parseRoute('#/use-cases/ai4i/models')).toEqual({ page: 'models', useCaseId: 'ai4i' });
    expect(parseRoute('#/use-cases/ai4i/playground/')).toEqual({ page: 'playground', useCaseId: 'ai4i' });
    expect(parseRoute('#/use-cases/ai4i/other')).toEqual({ page: 'not-found', hash: '#/use-cases/ai4i/other' });
    for (const page of ['models', 'playground'] as const) expect(parseRoute(hrefFor({ page, useCaseId: 'line 3/press' }))).toEqual({ page, useCaseId: 'line 3/press' });
  });

  it('writes links that parse back to the same route', () => {
    const route = { page: 'use-case', useCaseId: 'line 3/press' } as const;
    expect(hrefFor(route)).toBe('#/use-cases/line%203%2Fpress');
    expect(parseRoute(hrefFor(route))).toEqual(route);
  });
});
