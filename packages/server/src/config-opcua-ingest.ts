// OPC UA ingest settings (SHOPFLOOR_OPCUA_INGEST_*): endpoint, monitored nodes and sampling; bad values are CONFIG_INVALID naming the variable.
import { ShopfloorError } from '@shopfloor/contracts';
import { parseOpcuaNodes, type OpcuaNode } from './ingest/index.js';

export interface OpcuaIngestConfig {
  /** SHOPFLOOR_OPCUA_INGEST_URL: opc.tcp://host:port[/path]; anonymous, security mode None. */
  endpoint: string;
  /** SHOPFLOOR_OPCUA_INGEST_NODES: comma-separated sensor=nodeId, e.g. mill-1.torque=ns=2;s=Mill1.Torque. */
  nodes: OpcuaNode[];
  /** SHOPFLOOR_OPCUA_INGEST_SAMPLING_MS (1,000; 10 to 3,600,000). */
  samplingMs: number;
}

export function loadOpcuaIngestConfig(env: Record<string, string | undefined>): OpcuaIngestConfig | undefined {
  const endpoint = env.SHOPFLOOR_OPCUA_INGEST_URL?.trim();
  if (endpoint === undefined || endpoint === '') return undefined;
  if (!/^opc\.tcp:\/\/[^/\s]+/.test(endpoint)) {
    throw new ShopfloorError('CONFIG_INVALID', `SHOPFLOOR_OPCUA_INGEST_URL="${endpoint}" is invalid: expected opc.tcp://host:port`, { variable: 'SHOPFLOOR_OPCUA_INGEST_URL', value: endpoint });
  }
  const sampling = env.SHOPFLOOR_OPCUA_INGEST_SAMPLING_MS?.trim() || '1000';
  if (!/^\d+$/.test(sampling) || Number(sampling) < 10 || Number(sampling) > 3_600_000) {
    throw new ShopfloorError('CONFIG_INVALID', `SHOPFLOOR_OPCUA_INGEST_SAMPLING_MS="${sampling}" is invalid: expected an integer from 10 to 3600000`, { variable: 'SHOPFLOOR_OPCUA_INGEST_SAMPLING_MS', value: sampling });
  }
  return { endpoint, nodes: parseOpcuaNodes(env.SHOPFLOOR_OPCUA_INGEST_NODES ?? '', 'SHOPFLOOR_OPCUA_INGEST_NODES'), samplingMs: Number(sampling) };
}
