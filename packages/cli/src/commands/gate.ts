// `shopfloor gate` (exit 0 pass, 1 fail, Markdown report for a pull request) and `shopfloor compare` (versions side by side).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CompareRequest, Comparison, GateRecord, GateRequest } from '@shopfloor/contracts';
import { renderComparison } from '@shopfloor/server';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { printJson, type Io } from '../io.js';
import { collect, parseIntegerOption, parseNumberOption, parseNumberPairs } from '../option-values.js';
import { callApi, remoteFrom } from '../remote.js';

interface RemoteOptions {
  url?: string;
  token?: string;
}

interface GateOptions extends RemoteOptions {
  useCase: string;
  candidate: string;
  against: string;
  tolerance: string[];
  maxCostIncrease?: string;
  resamples?: string;
  skipModelTests?: boolean;
  report?: string;
}

interface CompareOptions extends RemoteOptions {
  useCase: string;
  versions: string[];
  slice: string[];
  resamples?: string;
  volume?: string;
  scheduleShare?: string;
}

/** "3" -> 3, "v3" / "champion" / "mv_..." stay text (the server resolves them). */
const ref = (text: string): string | number => (/^\d+$/.test(text) ? Number(text) : text);

const withRemote = (command: Command): Command =>
  command
    .option('--url <url>', 'a running Shopfloor server (else SHOPFLOOR_URL; without one, the local store is used)')
    .option('--token <token>', 'API token for --url (else SHOPFLOOR_TOKEN)');

export function registerGate(program: Command, io: Io): void {
  withRemote(
    program
      .command('gate')
      .description('Compare a candidate version with the champion (or --against) on the frozen sets; exit 0 when it passes, 1 when it fails. Prints a Markdown report; every run is stored as a gate record.')
      .requiredOption('--use-case <id>', 'use case id')
      .requiredOption('--candidate <version>', 'version number, alias or id of the candidate')
      .option('--against <version>', 'version to compare with', 'champion')
      .option('--tolerance <metric=value>', 'largest worsening allowed for a metric, e.g. roc_auc=0.01 (repeatable)', collect, [])
      .option('--max-cost-increase <share>', 'largest relative rise of cost per 1,000 on the benchmark (default 0.02)')
      .option('--resamples <n>', 'bootstrap resamples (default 1000)')
      .option('--skip-model-tests', 'do not run the use case’s declared model tests')
      .option('--report <file>', 'also write the Markdown report to this file'),
  ).action(async (options: GateOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const request: GateRequest = {
      candidate: ref(options.candidate),
      against: ref(options.against),
      tolerances: parseNumberPairs('--tolerance', options.tolerance),
      ...(options.maxCostIncrease === undefined ? {} : { maxCostIncrease: parseNumberOption('--max-cost-increase', options.maxCostIncrease, 0, 100) }),
      ...(options.resamples === undefined ? {} : { resamples: parseIntegerOption('--resamples', options.resamples, 0, 10_000) }),
      ...(options.skipModelTests === true ? { requireModelTests: false } : {}),
    };
    const remote = remoteFrom(options, io.env);
    const path = `/api/v1/use-cases/${encodeURIComponent(options.useCase)}/gate`;
    const record =
      remote === null
        ? await withShopfloor(globals, io, 'engineer', (sf, actor) => sf.evaluate.gate(actor, options.useCase, request))
        : await callApi<GateRecord>(remote, 'POST', path, request);
    if (options.report !== undefined) writeFileSync(resolve(io.cwd, options.report), `${record.report}\n`);
    if (globals.json === true) printJson(io, record);
    else io.out(`${record.report}\n`);
    if (!record.passed) {
      const failed = record.checks.filter((c) => !c.passed).map((c) => c.name);
      const error = new CliError('GATE_FAILED', `v${record.candidate.version} failed the gate (${failed.join('; ')}); gate record ${record.id}`, EXIT.unexpected, { gate: record.id, failed });
      error.resultPrinted = true;
      throw error;
    }
  });

  withRemote(
    program
      .command('compare')
      .description('Compare model versions on the benchmark and edge-case sets: metrics with bootstrap intervals, paired differences, slices, decision flips and cost. The first version is the baseline.')
      .requiredOption('--use-case <id>', 'use case id')
      .requiredOption('--versions <list>', 'comma-separated versions, e.g. champion,4,5', (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
      .option('--slice <column>', 'slice by this column (repeatable; default: the categorical inputs)', collect, [])
      .option('--resamples <n>', 'bootstrap resamples (default 1000)')
      .option('--volume <per-month>', 'predictions per month, to state the cost per month')
      .option('--schedule-share <share>', 'measure the saving against a fixed schedule acting on this share of cases instead of no model'),
  ).action(async (options: CompareOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const request: CompareRequest = {
      versions: options.versions.map(ref),
      ...(options.slice.length === 0 ? {} : { slices: options.slice }),
      ...(options.resamples === undefined ? {} : { resamples: parseIntegerOption('--resamples', options.resamples, 0, 10_000) }),
      ...(options.volume === undefined ? {} : { volumePerMonth: parseNumberOption('--volume', options.volume, 1, 1e12) }),
      ...(options.scheduleShare === undefined ? {} : { practice: { kind: 'fixed-schedule', actShare: parseNumberOption('--schedule-share', options.scheduleShare, 0, 1) } }),
    };
    const remote = remoteFrom(options, io.env);
    const comparison =
      remote === null
        ? await withShopfloor(globals, io, 'viewer', (sf) => sf.evaluate.compare(options.useCase, request))
        : await callApi<Comparison>(remote, 'POST', `/api/v1/use-cases/${encodeURIComponent(options.useCase)}/compare`, request);
    if (globals.json === true) printJson(io, comparison);
    else io.out(`${renderComparison(comparison)}\n`);
  });
}
