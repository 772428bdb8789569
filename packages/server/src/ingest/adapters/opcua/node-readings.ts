// OPC UA nodes as sensors: the configured node list, and one monitored value change read as a reading (or refused with a reason).
import { ShopfloorError, type ReadingInput } from '@shopfloor/contracts';

/** One monitored node and the sensor its values are readings of. */
export interface OpcuaNode {
  sensor: string;
  nodeId: string;
}

/** Why a value change was refused before the store. */
export const VALUE_REJECT_REASONS = ['BAD_STATUS', 'VALUE_NOT_SCALAR'] as const;
export type ValueRejectReason = (typeof VALUE_REJECT_REASONS)[number];

/** The parts of an OPC UA DataValue a reading needs (node-opcua's DataValue, flattened by the adapter). */
export interface ChangedValue {
  /** StatusCode.isGood(): uncertain and bad values never become readings. */
  good: boolean;
  statusName: string;
  value: unknown;
  sourceTimestamp: Date | null;
  serverTimestamp: Date | null;
}

/**
 * `sensor=nodeId` entries, comma-separated (SHOPFLOOR_OPCUA_INGEST_NODES), split at the first `=`:
 * `mill-1.torque=ns=2;s=Mill1.Torque`. CONFIG_INVALID names the variable and the entry.
 */
export function parseOpcuaNodes(text: string, variable: string): OpcuaNode[] {
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) throw new ShopfloorError('CONFIG_INVALID', `${variable} names no node: expected sensor=nodeId entries`, { variable, value: text });
  const seen = new Set<string>();
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    const sensor = eq < 0 ? '' : entry.slice(0, eq).trim();
    const nodeId = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (sensor === '' || !/^(ns=\d+;)?[isgb]=.+$/.test(nodeId)) {
      throw new ShopfloorError('CONFIG_INVALID', `${variable}: "${entry}" is not sensor=nodeId (e.g. mill-1.torque=ns=2;s=Mill1.Torque)`, { variable, value: entry });
    }
    if (seen.has(sensor)) throw new ShopfloorError('CONFIG_INVALID', `${variable}: sensor "${sensor}" is named twice`, { variable, value: entry });
    seen.add(sensor);
    return { sensor, nodeId };
  });
}

/**
 * The source timestamp is the reading's time (when the device sampled it), else the server's, else the
 * receive time. Numbers and booleans (1/0) pass; text and other scalars are passed on so the readings
 * facade refuses them per reading with its own codes; arrays and matrices are refused here.
 */
export function readingOf(node: OpcuaNode, changed: ChangedValue, receivedAt: number): { reading: ReadingInput } | { reason: ValueRejectReason; message: string } {
  if (!changed.good) return { reason: 'BAD_STATUS', message: `${node.nodeId} (${node.sensor}): status ${changed.statusName}` };
  const v = changed.value;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return { reason: 'VALUE_NOT_SCALAR', message: `${node.nodeId} (${node.sensor}): an array value is not a reading` };
  const time = changed.sourceTimestamp?.getTime() ?? changed.serverTimestamp?.getTime() ?? receivedAt;
  const value = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  return { reading: { sensor: node.sensor, time, value } };
}
