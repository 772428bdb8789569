// MQTT and OPC UA ingest settings from the environment: off when unset, defaults, and CONFIG_INVALID naming the variable.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { loadMqttIngestConfig } from './config-mqtt-ingest.js';

describe('ingest adapter settings', () => {
  it('starts no adapter unless a URL is set', () => {
    const config = loadConfig({});
    expect(config.mqttIngest).toBeUndefined();
    expect(config.opcuaIngest).toBeUndefined();
  });

  it('reads the MQTT broker, topic routes and batching, with defaults', () => {
    expect(loadConfig({ SHOPFLOOR_MQTT_INGEST_URL: 'mqtt://127.0.0.1:1883' }).mqttIngest).toEqual({ url: 'mqtt://127.0.0.1:1883', routes: [{ filter: 'shopfloor/readings/#' }], batchSize: 1000, batchMs: 100 });
    const c = loadConfig({ SHOPFLOOR_MQTT_INGEST_URL: 'mqtts://broker:8883', SHOPFLOOR_MQTT_INGEST_TOPICS: 'a/#, plant/+/t={1}.t', SHOPFLOOR_MQTT_INGEST_BATCH: '50', SHOPFLOOR_MQTT_INGEST_BATCH_MS: '20' }).mqttIngest;
    expect(c).toEqual({ url: 'mqtts://broker:8883', routes: [{ filter: 'a/#' }, { filter: 'plant/+/t', sensor: '{1}.t' }], batchSize: 50, batchMs: 20 });
    expect(loadMqttIngestConfig({}, 'mqtt://127.0.0.1:1884')?.url).toBe('mqtt://127.0.0.1:1884');
  });

  it('names the variable of a bad MQTT or OPC UA setting', () => {
    expect(() => loadConfig({ SHOPFLOOR_MQTT_INGEST_URL: 'http://broker' })).toThrow(/SHOPFLOOR_MQTT_INGEST_URL="http:\/\/broker" is invalid/);
    expect(() => loadConfig({ SHOPFLOOR_MQTT_INGEST_URL: 'mqtt://b', SHOPFLOOR_MQTT_INGEST_BATCH_MS: '500' })).toThrow(/SHOPFLOOR_MQTT_INGEST_BATCH_MS="500" is invalid: expected an integer from 1 to 100/);
    expect(() => loadConfig({ SHOPFLOOR_MQTT_INGEST_URL: 'mqtt://b', SHOPFLOOR_MQTT_INGEST_TOPICS: 'a/b#' })).toThrow(/SHOPFLOOR_MQTT_INGEST_TOPICS: "a\/b#" is not an MQTT topic filter/);
    expect(() => loadMqttIngestConfig({}, 'broker')).toThrow(/--mqtt-ingest="broker" is invalid/);
    expect(() => loadConfig({ SHOPFLOOR_OPCUA_INGEST_URL: 'tcp://plc:4840', SHOPFLOOR_OPCUA_INGEST_NODES: 'a=i=1' })).toThrow(/SHOPFLOOR_OPCUA_INGEST_URL="tcp:\/\/plc:4840" is invalid/);
    expect(() => loadConfig({ SHOPFLOOR_OPCUA_INGEST_URL: 'opc.tcp://plc:4840' })).toThrow(/SHOPFLOOR_OPCUA_INGEST_NODES names no node/);
    expect(loadConfig({ SHOPFLOOR_OPCUA_INGEST_URL: 'opc.tcp://plc:4840', SHOPFLOOR_OPCUA_INGEST_NODES: 'mill-1.torque=ns=2;s=Mill1.Torque' }).opcuaIngest).toEqual({
      endpoint: 'opc.tcp://plc:4840',
      nodes: [{ sensor: 'mill-1.torque', nodeId: 'ns=2;s=Mill1.Torque' }],
      samplingMs: 1000,
    });
  });
});
