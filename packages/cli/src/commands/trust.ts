// `shopfloor trust report|use-case`: the trust report over stored readings or over a use case's dataset, as a table or JSON.
import type { Command } from 'commander';
import { createSensorsFacade } from '@shopfloor/server';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { collect, parseNumberOption } from '../option-values.js';
import { trustReportText } from '../trust-text.js';

interface ReportOptions {
  from: string;
  to: string;
  sensor: string[];
  referenceFraction: string;
}

export function registerTrust(program: Command, io: Io): void {
  const group = program.command('trust').description('Sensor trust reports: out of range, stuck, spikes, dropouts, noise, drift, broken relations.');
  group
    .command('report')
    .description('Check the stored readings of a time range (baselines on its first part) and print per sensor the issues, the share affected and the health.')
    .requiredOption('--from <time>', 'start (ISO 8601, a wall time in the site time zone, or epoch ms)')
    .requiredOption('--to <time>', 'end, inclusive')
    .option('--sensor <id>', 'only this sensor (repeatable; default every registered sensor)', collect, [])
    .option('--reference-fraction <f>', 'share of the range the baselines are fitted on', '0.2')
    .action(async (options: ReportOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const query = {
        from: options.from,
        to: options.to,
        ...(options.sensor.length === 0 ? {} : { sensors: options.sensor.join(',') }),
        referenceFraction: parseNumberOption('--reference-fraction', options.referenceFraction, 0.01, 0.9),
      };
      const report = await withShopfloor(globals, io, 'viewer', (sf) => createSensorsFacade(sf).trustReport(query));
      if (globals.json === true) return printJson(io, report);
      io.out(trustReportText(report));
    });
  group
    .command('use-case')
    .description("Check the sensor features (those with a sensorId) of a use case's dataset, rows in time order.")
    .argument('<id>', 'use case id')
    .option('--reference-fraction <f>', "share of each series' rows the baselines are fitted on", '0.2')
    .action(async (id: string, options: { referenceFraction: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const query = { referenceFraction: parseNumberOption('--reference-fraction', options.referenceFraction, 0.01, 0.9) };
      const report = await withShopfloor(globals, io, 'viewer', (sf) => createSensorsFacade(sf).useCaseTrustReport(id, query));
      if (globals.json === true) return printJson(io, report);
      io.out(`Use case ${id}, dataset version ${report.source.kind === 'use-case' ? report.source.datasetVersionId : ''}\n${trustReportText(report)}`);
    });
}
