// The OPC UA readings ingest against an in-process OPC UA server (the shared adapter suite, plus what only OPC UA has).
import { join } from 'node:path';
import { OPCUACertificateManager } from 'node-opcua-certificate-manager';
import { DataType, MessageSecurityMode, SecurityPolicy, StatusCodes } from 'node-opcua-client';
import { OPCUAServer, type UAVariable } from 'node-opcua-server';
import { expect, it } from 'vitest';
import { runIngestAdapterSuite, T0 } from './ingest-adapter-suite.js';

let torque: UAVariable;

runIngestAdapterSuite(
  'opcua',
  async (dir) => {
    // Every certificate store in the temp directory: by default node-opcua keeps its user PKI under ~/.config.
    const manager = (name: string) => new OPCUACertificateManager({ rootFolder: join(dir, name), automaticallyAcceptUnknownCertificate: true });
    const server = new OPCUAServer({ port: 0, serverCertificateManager: manager('server-pki'), userCertificateManager: manager('user-pki'), securityModes: [MessageSecurityMode.None], securityPolicies: [SecurityPolicy.None], allowAnonymous: true });
    await server.initialize();
    const ns = server.engine.addressSpace!.getOwnNamespace();
    const mill = ns.addObject({ organizedBy: server.engine.addressSpace!.rootFolder.objects, browseName: 'Mill1' });
    torque = ns.addVariable({ componentOf: mill, nodeId: 's=Mill1.Torque', browseName: 'Torque', dataType: 'Double', minimumSamplingInterval: 10 });
    const label = ns.addVariable({ componentOf: mill, nodeId: 's=Mill1.Label', browseName: 'Label', dataType: 'String', minimumSamplingInterval: 10 });
    torque.setValueFromSource({ dataType: DataType.Double, value: 40 }, StatusCodes.Good, new Date(T0));
    label.setValueFromSource({ dataType: DataType.String, value: 'ok' }, StatusCodes.Good, new Date(T0));
    await server.start();
    const variables = { 'mill-1.torque': torque, 'mill-1.label': label };
    return {
      initialMessages: 2,
      env: {
        SHOPFLOOR_OPCUA_INGEST_URL: `opc.tcp://127.0.0.1:${server.endpoints[0]!.port}`,
        SHOPFLOOR_OPCUA_INGEST_NODES: 'mill-1.torque=ns=1;s=Mill1.Torque,mill-1.label=ns=1;s=Mill1.Label',
        SHOPFLOOR_OPCUA_INGEST_SAMPLING_MS: '10',
      },
      // OPC UA samples: a change is seen once per sampling period, so the suite waits for each before the next.
      async emit(sensor, value, time) {
        variables[sensor].setValueFromSource({ dataType: typeof value === 'number' ? DataType.Double : DataType.String, value }, StatusCodes.Good, new Date(time));
      },
      async emitBad() {
        torque.setValueFromSource({ dataType: DataType.Double, value: 0 }, StatusCodes.BadSensorFailure, new Date(T0 + 4000));
        return 'BAD_STATUS';
      },
      close: () => server.shutdown(0),
    };
  },
  (ctx) => {
    it('reads the source timestamp of a change, not the time it arrived', async () => {
      const { stats, until, store } = ctx();
      const before = stats().stored;
      torque.setValueFromSource({ dataType: DataType.Double, value: 45 }, StatusCodes.Good, new Date(T0 + 3_600_000));
      await until('the change stored', () => stats().stored > before);
      const r = await store.readings.range('mill-1.torque', T0 + 3_600_000, T0 + 3_600_000);
      expect([...r.values]).toEqual([45]);
    });
  },
);
