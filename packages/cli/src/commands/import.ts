// `shopfloor import FILE --name NAME`: one immutable, content-addressed dataset version from a CSV or Parquet file.
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { DatasetVersion, ImportDatasetQuery } from '@shopfloor/contracts';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { readUserFile } from '../files.js';
import { printJson, type Io } from '../io.js';
import { collect, parseColumnKinds, usageError } from '../option-values.js';
import { formatCompact, renderTable } from '../table.js';

interface ImportOptions {
  name: string;
  delimiter?: string;
  decimal?: string;
  timeZone?: string;
  format?: string;
  columnKind: string[];
}

export function importQuery(file: string, options: ImportOptions): ImportDatasetQuery {
  if (options.decimal !== undefined && options.decimal !== '.' && options.decimal !== ',') {
    throw usageError(`--decimal "${options.decimal}": expected . or ,`, { option: '--decimal' });
  }
  if (options.format !== undefined && options.format !== 'csv' && options.format !== 'parquet') {
    throw usageError(`--format "${options.format}": expected csv or parquet`, { option: '--format' });
  }
  const delimiter = options.delimiter === '\\t' || options.delimiter === 'tab' ? '\t' : options.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1) {
    throw usageError(`--delimiter "${options.delimiter}": expected one character (or tab)`, { option: '--delimiter' });
  }
  const kinds = parseColumnKinds(options.columnKind);
  return {
    name: options.name,
    fileName: basename(file),
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(options.decimal === undefined ? {} : { decimal: options.decimal }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(Object.keys(kinds).length === 0 ? {} : { columnKinds: JSON.stringify(kinds) }),
  };
}

/** Timestamp statistics are epoch milliseconds, UTC. */
function instant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function columnSummary(version: DatasetVersion): string {
  const rows = version.columns.map((column) => {
    const s = column.stats;
    let range: string;
    if (column.kind === 'numeric') range = `${formatCompact(s.min)} .. ${formatCompact(s.max)}`;
    else if (column.kind === 'timestamp') range = s.min === undefined || s.max === undefined ? '-' : `${instant(s.min)} .. ${instant(s.max)}`;
    else if (column.kind === 'id') range = `${s.distinct ?? '?'} distinct`;
    else range = (s.levels ?? []).slice(0, 4).map((l) => l.value).join(', ') + ((s.levels?.length ?? 0) > 4 ? ', ...' : '');
    const kind = column.kind === column.inferred ? column.kind : `${column.kind} (inferred ${column.inferred})`;
    return [column.name, kind, String(s.missing), range];
  });
  return renderTable(['column', 'kind', 'missing', 'range / levels'], rows);
}

export function registerImport(program: Command, io: Io): void {
  program
    .command('import')
    .description('Import a CSV or Parquet file as a new dataset version (the same bytes and options give the same version).')
    .argument('<file>', 'CSV or Parquet file')
    .requiredOption('--name <name>', 'dataset name, e.g. "ai4i2020"; versions of one dataset share it')
    .option('--delimiter <char>', 'CSV field delimiter (default: sniffed among , ; tab |); "tab" for a tab')
    .option('--decimal <sep>', 'decimal separator in CSV numbers: . or , (default: sniffed)')
    .option('--time-zone <zone>', 'IANA zone for timestamps without an offset (default: the site zone)')
    .option('--format <format>', 'csv or parquet (default: from the file)')
    .option('--column-kind <column=kind>', 'override the inferred kind (numeric, categorical, boolean, timestamp, id); repeatable', collect, [])
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const query = importQuery(file, options);
      const bytes = await readUserFile(io.cwd, file);
      const result = await withShopfloor(globals, io, 'engineer', (sf, actor) => sf.importDataset(actor, bytes, query));
      if (globals.json === true) {
        printJson(io, result);
        return;
      }
      const v = result.version;
      io.out(
        `${result.created ? 'Imported' : 'Already imported (same content), reusing'} ${v.datasetName}: ` +
          `${v.rowCount} rows, ${v.columns.length} columns, ${v.format}\n` +
          `dataset version: ${v.id}\n\n${columnSummary(v)}`,
      );
    });
}
