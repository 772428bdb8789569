// `shopfloor labels import|list`: failure spans and events on a use case's assets, from a CSV file and back as a table.
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Label } from '@shopfloor/contracts';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { readUserFile } from '../files.js';
import { printJson, type Io } from '../io.js';
import { readLabelsCsv } from '../label-csv.js';
import { parseIntegerOption } from '../option-values.js';
import { formatInstant, renderTable } from '../table.js';

/** "12 labels on 4 assets (failure 11, tool-break 1), starting 2024-01-05 04:00 UTC .. 2024-01-29 08:00 UTC". */
export function labelsSummary(labels: readonly Label[]): string {
  if (labels.length === 0) return 'no labels';
  const byClass = new Map<string, number>();
  for (const l of labels) byClass.set(l.class, (byClass.get(l.class) ?? 0) + 1);
  const classes = [...byClass].map(([c, n]) => `${c} ${n}`).join(', ');
  const assets = new Set(labels.map((l) => l.asset)).size;
  const starts = labels.map((l) => l.start).sort();
  return `${labels.length} label${labels.length === 1 ? '' : 's'} on ${assets} asset${assets === 1 ? '' : 's'} (${classes}), starting ${formatInstant(starts[0]!)} .. ${formatInstant(starts[starts.length - 1]!)}`;
}

export function labelsTable(labels: readonly Label[], withRetracted: boolean): string {
  const rows = labels.map((l) => [
    l.id,
    l.asset,
    formatInstant(l.start),
    l.end === null ? '(event)' : formatInstant(l.end),
    l.class,
    ...(withRetracted ? [l.retracted ? `yes${l.replacedBy === null ? '' : ` -> ${l.replacedBy}`}` : 'no'] : []),
    l.note,
  ]);
  return renderTable(['id', 'asset', 'start', 'end', 'class', ...(withRetracted ? ['retracted'] : []), 'note'], rows);
}

interface ListOptions {
  asset?: string;
  class?: string;
  from?: string;
  to?: string;
  includeRetracted?: boolean;
  limit: string;
  offset: string;
}

function registerImport(group: Command, io: Io): void {
  group
    .command('import')
    .description('Record the labels of a CSV file (columns asset,start,end,class,note; end empty for an event; times ISO 8601 with an offset or epoch ms), all or none.')
    .argument('<use-case>', 'use case id')
    .argument('<file.csv>', 'the labels file')
    .action(async (useCaseId: string, file: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      // Read and check the file before opening the store, so a bad file names its line and changes nothing.
      const labels = readLabelsCsv(await readUserFile(io.cwd, file), basename(file));
      const recorded = await withShopfloor(globals, io, 'operator', (sf, actor) => sf.recordLabels(actor, useCaseId, { labels }));
      if (globals.json === true) printJson(io, { labels: recorded });
      else io.out(`Recorded ${labelsSummary(recorded)} for ${useCaseId} from ${file}\n`);
    });
}

function registerList(group: Command, io: Io): void {
  group
    .command('list')
    .description('List the standing labels of a use case, ordered by start (retracted ones too with --include-retracted).')
    .argument('<use-case>', 'use case id')
    .option('--asset <asset>', 'only this asset')
    .option('--class <class>', 'only this class')
    .option('--from <time>', 'labels ending at or after this time (ISO 8601 with an offset, or epoch ms)')
    .option('--to <time>', 'labels starting at or before this time')
    .option('--include-retracted', 'also the retracted labels, with what replaced them')
    .option('--limit <n>', 'at most this many labels', '1000')
    .option('--offset <n>', 'skip this many (for the next page)', '0')
    .action(async (useCaseId: string, options: ListOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const includeRetracted = options.includeRetracted === true;
      const query = {
        ...(options.asset === undefined ? {} : { asset: options.asset }),
        ...(options.class === undefined ? {} : { class: options.class }),
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.to === undefined ? {} : { to: options.to }),
        includeRetracted: includeRetracted ? ('true' as const) : ('false' as const),
        limit: parseIntegerOption('--limit', options.limit, 1, 10_000),
        offset: parseIntegerOption('--offset', options.offset, 0, Number.MAX_SAFE_INTEGER),
      };
      const page = await withShopfloor(globals, io, 'viewer', (sf) => sf.listLabels(useCaseId, query));
      if (globals.json === true) return printJson(io, page);
      if (page.labels.length === 0) return io.out(`${useCaseId} has no labels${options.offset === '0' ? '' : ' on this page'}: record some with shopfloor labels import ${useCaseId} <file.csv>\n`);
      io.out(labelsTable(page.labels, includeRetracted));
      if (page.nextOffset !== null) io.out(`more: shopfloor labels list ${useCaseId} --offset ${page.nextOffset}\n`);
    });
}

export function registerLabels(program: Command, io: Io): void {
  const group = program.command('labels').description('Record and list labels: failure spans and events on the assets of a use case.');
  registerImport(group, io);
  registerList(group, io);
}
