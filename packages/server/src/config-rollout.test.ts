// Rollout settings from the environment: defaults when unset, each variable read, and CONFIG_INVALID naming a bad one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLLOUT, loadConfig } from './config.js';

describe('rollout configuration', () => {
  it('leaves rollout unset (the defaults apply) when no rollout variable is given', () => {
    expect(loadConfig({}, '/srv').rollout).toBeUndefined();
    expect(DEFAULT_ROLLOUT).toEqual({ mirrorAllow: [], mirrorToken: undefined, promotionApproval: false, shadowBudgetMs: 250, canaryIntervalSeconds: 60 });
  });

  it('reads the mirror allow-list, token, approval flag, shadow budget and canary interval', () => {
    const config = loadConfig({
      SHOPFLOOR_MIRROR_ALLOW: 'http://10.0.0.2:8080/api/v1/, https://staging.plant.local',
      SHOPFLOOR_MIRROR_TOKEN: 'sf_abc',
      SHOPFLOOR_PROMOTION_APPROVAL: 'true',
      SHOPFLOOR_SHADOW_BUDGET_MS: '40',
      SHOPFLOOR_CANARY_INTERVAL_S: '0',
    });
    expect(config.rollout).toEqual({ mirrorAllow: ['http://10.0.0.2:8080/api/v1/', 'https://staging.plant.local'], mirrorToken: 'sf_abc', promotionApproval: true, shadowBudgetMs: 40, canaryIntervalSeconds: 0 });
  });

  it.each([
    ['SHOPFLOOR_MIRROR_ALLOW', 'ftp://files.plant.local'],
    ['SHOPFLOOR_MIRROR_ALLOW', 'not a url'],
    ['SHOPFLOOR_PROMOTION_APPROVAL', 'yes'],
    ['SHOPFLOOR_SHADOW_BUDGET_MS', '0'],
    ['SHOPFLOOR_CANARY_INTERVAL_S', '-5'],
  ])('refuses %s=%s with CONFIG_INVALID naming it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', details: expect.objectContaining({ variable }) }));
  });
});
