// OPC UA ingest adapter: a client session monitoring the configured nodes; value changes batched into the readings facade.
import { join } from 'node:path';
import { MAX_READINGS_PER_REQUEST } from '@shopfloor/contracts';
import type { OPCUACertificateManager } from 'node-opcua-certificate-manager';
import type { ClientSession, ClientSubscription, DataValue, OPCUAClient } from 'node-opcua-client';
import { bump, copyStats, newIngestStats, refusalLogger, storingFlush, type IngestLog, type IngestStats, type StoreReadings } from '../ingest-sink.js';
import { createReadingBatcher } from '../reading-batcher.js';
import { readingOf, type OpcuaNode } from './node-readings.js';

export interface OpcuaIngestOptions {
  /** opc.tcp://host:port[/path]; anonymous, security mode None. */
  endpoint: string;
  nodes: readonly OpcuaNode[];
  store: StoreReadings;
  /** The server samples each node at this period (ms); every change is reported. */
  samplingMs?: number;
  batchSize?: number;
  batchMs?: number;
  /** The client's own certificate store (made on first start). */
  pkiDir: string;
  /** Reconnect backoff: first wait and the longest (defaults 500 ms and 30 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  log: IngestLog;
  now?: () => number;
}

export interface OpcuaIngest {
  stats(): IngestStats;
  /** Resolves once every node is monitored (rejects after timeoutMs; the client keeps trying). */
  ready(timeoutMs?: number): Promise<void>;
  /** Stores what waits, then closes the subscription, the session and the connection. */
  stop(): Promise<void>;
}

export function startOpcuaIngest(opts: OpcuaIngestOptions): OpcuaIngest {
  const now = opts.now ?? Date.now;
  const name = 'opcua ingest';
  const refusal = refusalLogger(opts.log, name, now);
  const stats = newIngestStats();
  const batcher = createReadingBatcher({
    maxReadings: Math.min(opts.batchSize ?? 1000, MAX_READINGS_PER_REQUEST),
    maxDelayMs: opts.batchMs ?? 100,
    flush: storingFlush(opts.store, stats, opts.log, refusal, name),
  });
  let certificates: OPCUACertificateManager | null = null;
  let client: OPCUAClient | null = null;
  let session: ClientSession | null = null;
  let subscription: ClientSubscription | null = null;
  let stopped = false;
  const monitoring = (async () => {
    // node-opcua takes about a second to load: only a server configured for OPC UA loads it (not every
    // importer of the ingest stage, nor every test).
    const [{ OPCUACertificateManager }, { AttributeIds, MessageSecurityMode, OPCUAClient, SecurityPolicy, TimestampsToReturn }] = await Promise.all([import('node-opcua-certificate-manager'), import('node-opcua-client')]);
    if (stopped) return;
    certificates = new OPCUACertificateManager({ rootFolder: join(opts.pkiDir, 'client'), automaticallyAcceptUnknownCertificate: true });
    // node-opcua reconnects on its own (backoff from initialDelay to maxDelay) and re-creates the session and subscription.
    client = OPCUAClient.create({
      applicationName: 'Shopfloor ingest',
      endpointMustExist: false,
      securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None,
      clientCertificateManager: certificates,
      keepSessionAlive: true,
      connectionStrategy: { initialDelay: opts.reconnectMinMs ?? 500, maxDelay: opts.reconnectMaxMs ?? 30_000, maxRetry: Number.MAX_SAFE_INTEGER },
    });
    client.on('backoff', () => stats.reconnects++);
    client.on('connection_lost', () => (stats.connected = false));
    client.on('connection_reestablished', () => (stats.connected = true));
    await client.connect(opts.endpoint);
    stats.connected = true;
    session = await client.createSession();
    subscription = await session.createSubscription2({ requestedPublishingInterval: Math.min(opts.batchMs ?? 100, 1000), requestedMaxKeepAliveCount: 20, requestedLifetimeCount: 600, publishingEnabled: true, priority: 1 });
    for (const node of opts.nodes) {
      const item = await subscription.monitor({ nodeId: node.nodeId, attributeId: AttributeIds.Value }, { samplingInterval: opts.samplingMs ?? 1000, queueSize: 100, discardOldest: true }, TimestampsToReturn.Both);
      item.on('changed', (dv: DataValue) => {
        stats.messages++;
        const read = readingOf(node, { good: dv.statusCode.isGood(), statusName: dv.statusCode.name, value: dv.value?.value, sourceTimestamp: dv.sourceTimestamp, serverTimestamp: dv.serverTimestamp }, now());
        if ('reason' in read) {
          bump(stats.rejectedMessages, read.reason);
          refusal({ source: node.nodeId, sensor: node.sensor, reason: read.reason }, `${name}: value refused: ${read.message}`);
          return;
        }
        batcher.add([{ source: node.nodeId, reading: read.reading }]);
      });
      item.on('err', (message: string) => opts.log.warn({ source: node.nodeId, sensor: node.sensor }, `${name}: cannot monitor ${node.nodeId}: ${message}`));
    }
    opts.log.info({ nodes: opts.nodes.length }, `${name}: monitoring ${opts.nodes.length} nodes on ${opts.endpoint}`);
  })();
  monitoring.catch((e: unknown) => {
    if (!stopped) opts.log.warn({ err: e instanceof Error ? e.message : String(e) }, `${name}: ${opts.endpoint}: could not start monitoring`);
  });

  return {
    stats: () => copyStats(stats),
    ready(timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: not monitoring ${opts.endpoint} within ${timeoutMs} ms`)), timeoutMs);
        monitoring.then(
          () => {
            clearTimeout(timer);
            resolve();
          },
          (e: unknown) => {
            clearTimeout(timer);
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      });
    },
    async stop() {
      stopped = true;
      const sub = subscription as ClientSubscription | null;
      const ses = session as ClientSession | null;
      const cli = client as OPCUAClient | null;
      const certs = certificates as OPCUACertificateManager | null;
      await sub?.terminate().catch(() => undefined);
      await ses?.close().catch(() => undefined);
      await cli?.disconnect();
      await batcher.drain();
      await certs?.dispose();
    },
  };
}
