// The OPC UA readings ingest of a started server, against an in-process OPC UA server: monitored values stored, bad ones counted by reason.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPCUACertificateManager } from 'node-opcua-certificate-manager';
import { DataType, MessageSecurityMode, SecurityPolicy, StatusCodes } from 'node-opcua-client';
import { OPCUAServer, type UAVariable } from 'node-opcua-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, ensureAdmin } from '../access/index.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { openTestStore, type TestStore } from '../store/index.js';
import { startServer, type StartedServer } from './start.js';

let t: TestStore;
let dir: string;
let opcua: OPCUAServer;
let server: StartedServer;
let torque: UAVariable;
let label: UAVariable;

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 750; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting: ${what} (${JSON.stringify(server.ingest?.opcua?.stats())})`);
}

const at = (s: number) => new Date(Date.parse('2024-05-01T06:00:00Z') + s * 1000);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shopfloor-opcua-'));
  const serverCertificateManager = new OPCUACertificateManager({ rootFolder: join(dir, 'server-pki'), automaticallyAcceptUnknownCertificate: true });
  // Both certificate stores in the temp directory: by default node-opcua keeps its user PKI under ~/.config.
  const userCertificateManager = new OPCUACertificateManager({ rootFolder: join(dir, 'user-pki'), automaticallyAcceptUnknownCertificate: true });
  opcua = new OPCUAServer({ port: 0, serverCertificateManager, userCertificateManager, securityModes: [MessageSecurityMode.None], securityPolicies: [SecurityPolicy.None], allowAnonymous: true });
  await opcua.initialize();
  const ns = opcua.engine.addressSpace!.getOwnNamespace();
  const mill = ns.addObject({ organizedBy: opcua.engine.addressSpace!.rootFolder.objects, browseName: 'Mill1' });
  torque = ns.addVariable({ componentOf: mill, nodeId: 's=Mill1.Torque', browseName: 'Torque', dataType: 'Double', minimumSamplingInterval: 10 });
  label = ns.addVariable({ componentOf: mill, nodeId: 's=Mill1.Label', browseName: 'Label', dataType: 'String', minimumSamplingInterval: 10 });
  torque.setValueFromSource({ dataType: DataType.Double, value: 40 }, StatusCodes.Good, at(0));
  label.setValueFromSource({ dataType: DataType.String, value: 'ok' }, StatusCodes.Good, at(0));
  await opcua.start();

  t = await openTestStore('sqlite');
  const admin = await ensureAdmin({ store: t.store, clock: systemClock });
  const { token } = await createToken({ store: t.store, clock: systemClock }, { userId: admin.user.id, name: 'test' });
  const config = loadConfig({
    SHOPFLOOR_PORT: '0',
    SHOPFLOOR_LOG_LEVEL: 'silent',
    SHOPFLOOR_DATA_DIR: dir,
    SHOPFLOOR_OPCUA_INGEST_URL: `opc.tcp://127.0.0.1:${opcua.endpoints[0]!.port}`,
    SHOPFLOOR_OPCUA_INGEST_NODES: 'mill-1.torque=ns=1;s=Mill1.Torque,mill-1.label=ns=1;s=Mill1.Label',
    SHOPFLOOR_OPCUA_INGEST_SAMPLING_MS: '10',
  });
  server = await startServer({ config, store: t.store });
  const sensors = ['mill-1.torque', 'mill-1.label'].map((id) => ({ id, asset: 'mill-1', unit: 'Nm', min: 0, max: 100, samplePeriodMs: 1000 }));
  const res = await fetch(`${server.url}/api/v1/sensors`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ sensors }) });
  expect(res.status).toBe(200);
  await server.ingest!.opcua!.ready();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await opcua?.shutdown(0);
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('OPC UA readings ingest', () => {
  it('stores each value change of a monitored node at its source timestamp', async () => {
    // The initial values arrive first (stored, or refused as unknown if they beat the sensors' registration).
    await until('the initial values', () => server.ingest!.opcua!.stats().messages >= 2 && server.ingest!.opcua!.stats().batches >= 1);
    const base = server.ingest!.opcua!.stats().stored;
    // OPC UA samples: one change per sampling period is seen, so each change waits for the one before it.
    for (let s = 1; s <= 3; s++) {
      torque.setValueFromSource({ dataType: DataType.Double, value: 40 + s }, StatusCodes.Good, at(s));
      await until(`value ${s} stored`, () => server.ingest!.opcua!.stats().stored >= base + s);
    }
    const stored = await t.store.readings.range('mill-1.torque', 0, Date.parse('2030-01-01'));
    expect([...stored.values].slice(-3)).toEqual([41, 42, 43]);
    expect([...stored.times].slice(-3)).toEqual([1, 2, 3].map((s) => at(s).getTime()));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/shopfloor_opcua_ingest_connected 1/);
  });

  it('counts a bad status and a text value with their reasons, and keeps going', async () => {
    const before = server.ingest!.opcua!.stats();
    torque.setValueFromSource({ dataType: DataType.Double, value: 0 }, StatusCodes.BadSensorFailure, at(4));
    await until('the bad status counted', () => (server.ingest!.opcua!.stats().rejectedMessages.BAD_STATUS ?? 0) >= 1);
    label.setValueFromSource({ dataType: DataType.String, value: 'jammed' }, StatusCodes.Good, at(5));
    await until('the text refused', () => (server.ingest!.opcua!.stats().rejectedReadings.READING_VALUE_TEXT ?? 0) > (before.rejectedReadings.READING_VALUE_TEXT ?? 0));
    torque.setValueFromSource({ dataType: DataType.Double, value: 44 }, StatusCodes.Good, at(6));
    await until('the next good value stored', () => server.ingest!.opcua!.stats().stored >= before.stored + 1);
    const stored = await t.store.readings.range('mill-1.torque', 0, Date.parse('2030-01-01'));
    expect([...stored.values].slice(-2)).toEqual([43, 44]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/shopfloor_opcua_ingest_rejected_messages_total\{reason="BAD_STATUS"\} 1/);
  });
});
