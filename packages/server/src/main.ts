// Entry point: read the environment, open and migrate the store, build the app, listen. Nothing else.
import { isShopfloorError } from '@shopfloor/contracts';
import { startServer } from './api/start.js';
import { loadConfig } from './config.js';

try {
  const config = loadConfig(process.env);
  const server = await startServer({ config });
  server.app.log.info(`Shopfloor listening on ${server.url} (store: ${server.store.backend})`);
  const stop = (signal: string) => {
    server.app.log.info(`${signal}: closing`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (e) {
  process.stderr.write(`shopfloor: ${isShopfloorError(e) ? `${e.code}: ${e.message}` : String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
}
