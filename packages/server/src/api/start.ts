// startServer: open and migrate the store, build the app and listen; what `main.ts` and `shopfloor serve` run.
import type { FastifyBaseLogger } from 'fastify';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import { openStore, type Store } from '../store/index.js';
import { createAppWithMetrics } from './app.js';
import { startAppIngest, type AppIngest } from './ingest-adapters.js';
import type { AppInstance } from './types.js';

export interface StartedServer {
  app: AppInstance;
  store: Store;
  /** e.g. http://127.0.0.1:8080 (the real port when config.port is 0). */
  url: string;
  /** The MQTT and OPC UA readings ingest, when config.mqttIngest or config.opcuaIngest asked for them. */
  ingest?: AppIngest;
  /** Stops listening, then closes the store if startServer opened it. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  config: Config;
  /** An open, migrated store; by default one is opened from config and closed by close(). */
  store?: Store;
  clock?: Clock;
  logger?: FastifyBaseLogger;
}

export async function startServer(options: StartServerOptions): Promise<StartedServer> {
  const { config } = options;
  const ownsStore = options.store === undefined;
  const store = options.store ?? openStore({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (ownsStore) await store.migrate();
    const { app, metrics, shopfloor } = await createAppWithMetrics({
      store,
      clock: options.clock ?? systemClock,
      config,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    await app.listen({ host: config.host, port: config.port });
    // Only a listening server ingests from MQTT and OPC UA (createApp stays free of connections for tests and the CLI).
    const ingest = await startAppIngest(app, shopfloor, metrics, config).catch(async (e: unknown) => {
      await app.close();
      throw e;
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      app,
      store,
      url: `http://${host}:${port}`,
      ...(ingest === null ? {} : { ingest }),
      async close() {
        await ingest?.stop(); // what arrived is stored before the facade and the store close
        await app.close();
        if (ownsStore) await store.close();
      },
    };
  } catch (e) {
    if (ownsStore) await store.close();
    throw e;
  }
}
