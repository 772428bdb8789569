// `shopfloor serve`: the HTTP API and the web UI on one port until Ctrl-C.
import type { Command } from 'commander';
import { loadMqttIngestConfig, startServer, type StartedServer } from '@shopfloor/server';
import { configFrom, type GlobalOptions } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { printJsonLine, type Io } from '../io.js';
import { parseIntegerOption } from '../option-values.js';
import { webDistDir } from '../package-paths.js';

export interface ListenOptions {
  host?: string;
  port?: string;
}

/** --host/--port over SHOPFLOOR_HOST/SHOPFLOOR_PORT over 127.0.0.1:8080. */
export function listenOverrides(options: ListenOptions): { host?: string; port?: number } {
  return {
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: parseIntegerOption('--port', options.port, 0, 65535) }),
  };
}

/** EADDRINUSE and friends say which address and what to do, instead of a stack. */
export function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return new CliError('ADDRESS_IN_USE', `${host}:${port} is in use: stop what runs there or pick another --port`, EXIT.unexpected, { host, port });
  if (code === 'EACCES') return new CliError('ADDRESS_FORBIDDEN', `not allowed to listen on ${host}:${port}: pick a --port above 1023`, EXIT.unexpected, { host, port });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new CliError('ADDRESS_INVALID', `cannot listen on host "${host}": not an address of this machine`, EXIT.usage, { host });
  return e;
}

/**
 * Server logs (pino JSON lines) share stdout with what the command prints. Where that output is for
 * people (the demo) or scripts (--json), only warnings and errors are logged unless SHOPFLOOR_LOG_LEVEL says otherwise.
 */
export function quietLogs(io: Io, quiet: boolean): { logLevel?: 'warn' } {
  return quiet && io.env.SHOPFLOOR_LOG_LEVEL === undefined ? { logLevel: 'warn' } : {};
}

/** Resolves when a stop signal came and the server (and what it owns) is closed. */
export async function serveUntilStopped(server: StartedServer, io: Io, after?: () => Promise<void>): Promise<void> {
  const signal = await io.waitForStop();
  io.err(`${signal}: stopping Shopfloor...\n`);
  await server.close();
  if (after !== undefined) await after();
  io.err('stopped.\n');
}

export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description(
      'Serve the HTTP API and the web UI (binds 127.0.0.1 unless --host says otherwise); Ctrl-C stops it. ' +
        'With --json the first stdout line is {"url",...}; server log lines (JSON, warnings only) follow.',
    )
    .option('--host <host>', 'address to bind (default SHOPFLOOR_HOST or 127.0.0.1; 0.0.0.0 for every interface)')
    .option('--port <port>', 'port (default SHOPFLOOR_PORT or 8080; 0 picks a free one)')
    .option('--no-web', 'serve the API only')
    .option('--mqtt-ingest <url>', 'store sensor readings published on this MQTT broker (default SHOPFLOOR_MQTT_INGEST_URL; none)')
    .option('--mqtt-topics <filters>', 'comma-separated topic filters, `filter` or `filter=sensor-template` ({1} = first wildcard level); default SHOPFLOOR_MQTT_INGEST_TOPICS or shopfloor/readings/#')
    .action(async (options: ListenOptions & { web: boolean; mqttIngest?: string; mqttTopics?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      let webDist: string | undefined;
      if (options.web) {
        try {
          webDist = webDistDir();
        } catch (e) {
          io.err(`warning: ${(e as Error).message}; serving the API only.\n`);
        }
      }
      const mqttIngest = loadMqttIngestConfig({ ...io.env, ...(options.mqttTopics === undefined ? {} : { SHOPFLOOR_MQTT_INGEST_TOPICS: options.mqttTopics }) }, options.mqttIngest);
      const config = configFrom(globals, io, { ...listenOverrides(options), webDist, ...quietLogs(io, globals.json === true), ...(mqttIngest === undefined ? {} : { mqttIngest }) });
      let server: StartedServer;
      try {
        server = await startServer({ config });
      } catch (e) {
        throw listenError(e, config.host, config.port);
      }
      if (globals.json === true) printJsonLine(io, { url: server.url, store: server.store.where, web: webDist !== undefined });
      else io.out(`Shopfloor is running at ${server.url} (store ${server.store.where}). Press Ctrl-C to stop.\n`);
      await serveUntilStopped(server, io);
    });
}
