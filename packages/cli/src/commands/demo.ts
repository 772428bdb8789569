// `shopfloor demo`: bundled AI4I data -> machine-failure use case -> champion model -> UI and API on localhost.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ShopfloorError, type DatasetVersion, type ModelVersion, type UseCase, type User } from '@shopfloor/contracts';
import { openShopfloor, requireRole, startServer, type Config, type Shopfloor, type StartedServer } from '@shopfloor/server';
import { configFrom, resolveActor, type GlobalOptions } from '../context.js';
import { DEMO_DATASET_QUERY, DEMO_EXAMPLE_ROW, DEMO_USE_CASE_ID, demoUseCase } from '../demo-use-case.js';
import { printJsonLine, type Io } from '../io.js';
import { bundledAi4iCsv, webDistDir } from '../package-paths.js';
import { progressMode } from '../progress.js';
import { formatDecimal, formatMoney } from '../table.js';
import { listenError, listenOverrides, quietLogs, serveUntilStopped, type ListenOptions } from './serve.js';
import { trainWithProgress } from './train.js';

interface Prepared {
  dataset: { version: DatasetVersion; created: boolean };
  useCase: { value: UseCase; created: boolean };
  model: { value: ModelVersion; created: boolean };
}

async function ensureUseCase(sf: Shopfloor, actor: User, datasetVersionId: string): Promise<{ value: UseCase; created: boolean }> {
  try {
    return { value: await sf.getUseCase(DEMO_USE_CASE_ID), created: false };
  } catch (e) {
    if (!(e instanceof ShopfloorError) || e.code !== 'USE_CASE_NOT_FOUND') throw e;
  }
  return { value: await sf.createUseCase(actor, demoUseCase(datasetVersionId)), created: true };
}

/** Imports, creates and trains only what is missing, so a second run reuses everything. */
async function prepare(sf: Shopfloor, actor: User, io: Io, json: boolean): Promise<Prepared> {
  const say = (text: string): void => {
    if (!json) io.out(text);
  };
  const bytes = await readFile(bundledAi4iCsv());
  const dataset = await sf.importDataset(actor, bytes, DEMO_DATASET_QUERY);
  const v = dataset.version;
  say(`  dataset   ${v.datasetName}: ${v.rowCount} rows, version ${v.id} (${dataset.created ? 'imported' : 'already imported, reused'})\n`);
  const useCase = await ensureUseCase(sf, actor, v.id);
  say(`  use case  ${useCase.value.id}: ${useCase.value.name} (${useCase.created ? 'created' : 'exists, reused'})\n`);
  const championId = useCase.value.championVersionId;
  if (championId !== null) {
    const champion = (await sf.listModels(useCase.value.id)).find((m) => m.id === championId);
    if (champion !== undefined) return { dataset, useCase, model: { value: champion, created: false } };
  }
  say('  model     none is champion yet: training one...\n');
  const model = await trainWithProgress(sf, actor, useCase.value.id, {}, io, progressMode(io, json));
  return { dataset, useCase, model: { value: model, created: true } };
}

function modelLine(prepared: Prepared): string {
  const { value: model, created } = prepared.model;
  const m = model.metrics;
  const currency = prepared.useCase.value.costs.currency;
  const aliases = model.aliases.length === 0 ? 'no alias: it did not beat the no-model cost' : model.aliases.join(', ');
  return (
    `  model     v${model.version} (${aliases}; ${created ? `trained now in ${m.trainSeconds.toFixed(1)} s` : 'existing, reused'}): ` +
    `AUC ${formatDecimal(m.auc)}, ${formatMoney(m.expectedCostPer1000, currency)} per 1,000 predictions ` +
    `vs ${formatMoney(m.baselineCostPer1000, currency)} without a model\n`
  );
}

function curlExample(url: string, token: string | null): string {
  const body = JSON.stringify({ row: DEMO_EXAMPLE_ROW, explain: true });
  const auth = token === null ? '$SHOPFLOOR_TOKEN' : token;
  return (
    `    curl -s ${url}/api/v1/use-cases/${DEMO_USE_CASE_ID}/predict \\\n` +
    `      -H "Authorization: Bearer ${auth}" -H 'Content-Type: application/json' \\\n` +
    `      -d '${body}'\n`
  );
}

function readyText(url: string, token: string | null, config: Config, adminName: string): string {
  const where = config.databaseUrl === undefined ? ` --data-dir ${config.dataDir}` : ' --database-url <the same URL>';
  const access =
    token === null
      ? `  Admin token: printed on the first run, when the admin was created (only its hash is stored).\n` +
        `  Mint another with: shopfloor token create --user ${adminName}${where}\n` +
        `  then sign in at ${url}/#token=<that token>, and for curl: export SHOPFLOOR_TOKEN=<that token>\n`
      : `  Sign in (opens the UI with the admin token): ${url}/#token=${token}\n` +
        `  Admin token (shown only now; keep it): ${token}\n`;
  return (
    `\nShopfloor is running at ${url}\n${access}` +
    `  Machine-failure page: ${url}/#/use-cases/${DEMO_USE_CASE_ID}\n` +
    `  Predict over HTTP (UDI 70 of the data, a held-out row that failed):\n${curlExample(url, token)}` +
    `\nPress Ctrl-C to stop.\n`
  );
}

async function startDemoServer(sf: Shopfloor, config: Config): Promise<StartedServer> {
  try {
    return await startServer({ config, store: sf.store, clock: sf.clock });
  } catch (e) {
    throw listenError(e, config.host, config.port);
  }
}

export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description(
      'Import the bundled AI4I 2020 data, create the machine-failure use case, train a champion if there is none, ' +
        'and serve the UI and API (default http://127.0.0.1:8080). A second run reuses all of it. Data: --data-dir (default ./shopfloor-data).',
    )
    .option('--host <host>', 'address to bind (default SHOPFLOOR_HOST or 127.0.0.1)')
    .option('--port <port>', 'port (default SHOPFLOOR_PORT or 8080; 0 picks a free one)')
    .action(async (options: ListenOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const json = globals.json === true;
      // Request logs would drown the demo's instructions.
      const config = configFrom(globals, io, { ...listenOverrides(options), webDist: webDistDir(), ...quietLogs(io, true) });
      const sf = await openShopfloor({ config });
      let server: StartedServer | undefined;
      try {
        if (!json) io.out(`Shopfloor demo: predictive maintenance on the AI4I 2020 milling data\n  store     ${sf.store.where}\n`);
        const actor = await resolveActor(sf, globals);
        requireRole(actor.user, 'engineer');
        // Listen first: a busy port fails in a second, not after the import and training.
        server = await startDemoServer(sf, config);
        const prepared = await prepare(sf, actor.user, io, json);
        if (!json) io.out(modelLine(prepared));
        const token = actor.newAdminToken;
        if (json) {
          printJsonLine(io, {
            url: server.url,
            loginUrl: token === null ? null : `${server.url}/#token=${token}`,
            token,
            store: sf.store.where,
            datasetVersionId: prepared.dataset.version.id,
            useCaseId: prepared.useCase.value.id,
            model: { id: prepared.model.value.id, version: prepared.model.value.version, aliases: prepared.model.value.aliases },
            created: { dataset: prepared.dataset.created, useCase: prepared.useCase.created, model: prepared.model.created },
          });
        } else {
          io.out(readyText(server.url, token, config, actor.user.name));
        }
        await serveUntilStopped(server, io);
        server = undefined;
      } finally {
        if (server !== undefined) await server.close();
        await sf.close();
      }
    });
}
