// Alert settings from the environment: webhook URLs, the MQTT broker and the drift check period, each bad value named.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERTS, loadConfig } from './config.js';

const BASE = { SHOPFLOOR_TIME_ZONE: 'UTC' };

describe('alert settings', () => {
  it('has no sinks and an hourly drift check when unset', () => {
    expect(loadConfig(BASE).alerts).toBeUndefined();
    expect(DEFAULT_ALERTS).toEqual({ webhooks: [], mqttUrl: undefined, driftCheckMinutes: 60 });
  });

  it('reads comma-separated webhooks, the broker URL and the check period', () => {
    const config = loadConfig({ ...BASE, SHOPFLOOR_ALERT_WEBHOOKS: 'http://scada.local/hook, https://andon.local/alerts', SHOPFLOOR_MQTT_URL: 'mqtt://127.0.0.1:1883', SHOPFLOOR_DRIFT_CHECK_MINUTES: '15' });
    expect(config.alerts).toEqual({ webhooks: ['http://scada.local/hook', 'https://andon.local/alerts'], mqttUrl: 'mqtt://127.0.0.1:1883', driftCheckMinutes: 15 });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ ...BASE, SHOPFLOOR_ALERT_WEBHOOKS: 'ftp://x/y' })).toThrow(/SHOPFLOOR_ALERT_WEBHOOKS="ftp:\/\/x\/y" is invalid/);
    expect(() => loadConfig({ ...BASE, SHOPFLOOR_MQTT_URL: 'http://broker' })).toThrow(/SHOPFLOOR_MQTT_URL/);
    expect(() => loadConfig({ ...BASE, SHOPFLOOR_DRIFT_CHECK_MINUTES: '-1' })).toThrow(/SHOPFLOOR_DRIFT_CHECK_MINUTES/);
  });
});
