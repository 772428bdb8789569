// `shopfloor sensors register|list` and `shopfloor readings import`: sensor specs from a JSON file, readings from a long or wide CSV.
import { basename } from 'node:path';
import type { Command } from 'commander';
import { createSensorsFacade, type SensorsFacade } from '@shopfloor/server';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { readJsonFile, readUserFile } from '../files.js';
import { printJson, type Io } from '../io.js';
import { usageError } from '../option-values.js';
import { renderTable } from '../table.js';
import { readingsResultText } from '../trust-text.js';

function registerSensorCommands(program: Command, io: Io): void {
  const group = program.command('sensors').description('Register sensors (id, asset, unit, range, sample period...) and list them.');
  group
    .command('register')
    .description('Register the sensors of a JSON file ({ "sensors": [SensorSpec, ...] } or a list); a changed spec becomes a new version.')
    .argument('<file.json>', 'the sensor specs')
    .action(async (file: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const json = await readJsonFile(io.cwd, file);
      const request = Array.isArray(json) ? { sensors: json } : json;
      const result = await withShopfloor(globals, io, 'engineer', (sf, actor) => createSensorsFacade(sf).registerSensors(actor, request as Parameters<SensorsFacade['registerSensors']>[1]));
      if (globals.json === true) return printJson(io, result);
      io.out(`Registered from ${file}: ${result.created.length} new, ${result.updated.length} changed (new version), ${result.unchanged.length} unchanged.\n`);
    });
  group
    .command('list')
    .description('List the registered sensors.')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const sensors = await withShopfloor(globals, io, 'viewer', (sf) => createSensorsFacade(sf).listSensors());
      if (globals.json === true) return printJson(io, { sensors });
      if (sensors.length === 0) return io.out('No sensors registered: shopfloor sensors register <file.json>\n');
      io.out(renderTable(['id', 'asset', 'unit', 'range', 'period ms', 'version'], sensors.map((s) => [s.spec.id, s.spec.asset, s.spec.unit, `${s.spec.min} .. ${s.spec.max}`, String(s.spec.samplePeriodMs), String(s.version)])));
    });
}

function registerReadingsCommands(program: Command, io: Io): void {
  program
    .command('readings')
    .description('Store sensor readings.')
    .command('import')
    .description('Import a readings CSV: long (time,sensor,value) or wide (time,<sensor>,...). Bad rows are listed by line; the good ones are stored.')
    .argument('<file.csv>', 'the readings file')
    .option('--format <format>', 'long or wide', 'long')
    .action(async (file: string, options: { format: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.format !== 'long' && options.format !== 'wide') throw usageError(`--format must be long or wide, not "${options.format}"`, { option: '--format' });
      const bytes = await readUserFile(io.cwd, file);
      const query = { format: options.format === 'wide' ? ('wide' as const) : ('long' as const), fileName: basename(file) };
      const result = await withShopfloor(globals, io, 'operator', (sf, actor) => createSensorsFacade(sf).importReadings(actor, bytes, query));
      if (globals.json === true) return printJson(io, result);
      io.out(readingsResultText(result, file));
    });
}

export function registerSensors(program: Command, io: Io): void {
  registerSensorCommands(program, io);
  registerReadingsCommands(program, io);
}
