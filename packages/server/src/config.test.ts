// Configuration from the environment: defaults, and a named CONFIG_INVALID for each bad value.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite in ./shopfloor-data, 127.0.0.1:8080 and the system time zone', () => {
    const config = loadConfig({}, '/srv/plant');
    expect(config).toEqual({
      databaseUrl: undefined,
      dataDir: '/srv/plant/shopfloor-data',
      host: '127.0.0.1',
      port: 8080,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      logLevel: 'info',
      webDist: undefined,
      bodyLimitBytes: 100 * 1024 * 1024,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        SHOPFLOOR_DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
        SHOPFLOOR_DATA_DIR: 'data',
        SHOPFLOOR_HOST: '0.0.0.0',
        SHOPFLOOR_PORT: '9090',
        SHOPFLOOR_TIME_ZONE: 'Europe/Berlin',
        SHOPFLOOR_LOG_LEVEL: 'silent',
        SHOPFLOOR_WEB_DIST: '/opt/web',
        SHOPFLOOR_BODY_LIMIT_MB: '8',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgres://root@127.0.0.1:5432/test',
      dataDir: '/srv/data',
      host: '0.0.0.0',
      port: 9090,
      timeZone: 'Europe/Berlin',
      logLevel: 'silent',
      webDist: '/opt/web',
      bodyLimitBytes: 8 * 1024 * 1024,
    });
  });

  it('reads the prediction log retention (0 keeps predictions for good) and the shadow queue bound', () => {
    expect(loadConfig({ SHOPFLOOR_PREDICTION_RETENTION_DAYS: '0', SHOPFLOOR_SHADOW_QUEUE: '500' })).toMatchObject({ predictionRetentionDays: 0, shadowQueueLimit: 500 });
  });

  it("reads live trust's quiet period in seconds (unset: the sensors facade's default)", () => {
    expect(loadConfig({ SHOPFLOOR_TRUST_QUIET_SECONDS: '120' }).trustQuietSeconds).toBe(120);
    expect(loadConfig({}).trustQuietSeconds).toBeUndefined();
    expect(loadConfig({ SHOPFLOOR_TRUST_TICK_SECONDS: '0' }).trustTickSeconds).toBe(0);
    expect(loadConfig({}).trustTickSeconds).toBeUndefined();
  });

  it.each([
    ['SHOPFLOOR_PORT', '80a'],
    ['SHOPFLOOR_PORT', '70000'],
    ['SHOPFLOOR_TIME_ZONE', 'Mars/Olympus_Mons'],
    ['SHOPFLOOR_LOG_LEVEL', 'loud'],
    ['SHOPFLOOR_BODY_LIMIT_MB', '0'],
    ['SHOPFLOOR_PREDICTION_RETENTION_DAYS', '-1'],
    ['SHOPFLOOR_SHADOW_QUEUE', '0'],
    ['SHOPFLOOR_TRUST_QUIET_SECONDS', '10m'],
  ])('rejects %s=%s naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', details: { variable, value } }),
    );
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });
});
