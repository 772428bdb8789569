// Hash routes of the operator, review, deployments and alert pages: what each address opens and the links the pages write.
import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './routes.js';

describe('operator routes', () => {
  it('opens the operator view of a use case, or of one asset', () => {
    expect(parseRoute('#/use-cases/mf/operator')).toEqual({ page: 'operator', useCaseId: 'mf', entity: null });
    expect(parseRoute('#/use-cases/mf/operator?entity=mill%203')).toEqual({ page: 'operator', useCaseId: 'mf', entity: 'mill 3' });
    expect(parseRoute('#/use-cases/mf/operator?entity=')).toEqual({ page: 'operator', useCaseId: 'mf', entity: null });
  });

  it('opens the review queue, deployments and alerts', () => {
    expect(parseRoute('#/use-cases/mf/review')).toEqual({ page: 'review', useCaseId: 'mf' });
    expect(parseRoute('#/use-cases/mf/deployments/')).toEqual({ page: 'deployments', useCaseId: 'mf' });
    expect(parseRoute('#/use-cases/mf/alerts')).toEqual({ page: 'alerts', useCaseId: 'mf' });
  });

  it('writes links that open the same page again, an asset with any character', () => {
    for (const route of [
      { page: 'operator', useCaseId: 'mf', entity: 'mill/3 & <b>' },
      { page: 'operator', useCaseId: 'mf', entity: null },
      { page: 'review', useCaseId: 'm f' },
      { page: 'deployments', useCaseId: 'mf' },
      { page: 'alerts', useCaseId: 'mf' },
    ] as const) {
      expect(parseRoute(hrefFor(route))).toEqual(route);
    }
  });

  it('says not found for a broken escape in the use case id', () => {
    expect(parseRoute('#/use-cases/%E0%A4%A/review')).toEqual({ page: 'not-found', hash: '#/use-cases/%E0%A4%A/review' });
  });
});
