// `shopfloor predict USE_CASE --input rows.csv`: a CSV in, the same CSV plus score, decision and cost out, in batches.
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ShopfloorError, type Prediction } from '@shopfloor/contracts';
import type { Shopfloor } from '@shopfloor/server';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { readCsvTable, type CsvTable } from '../csv-table.js';
import { csvLine, type CsvCell } from '../csv-write.js';
import { readUserFile, writeUserFile } from '../files.js';
import { printJson, type Io } from '../io.js';
import { parseIntegerOption, usageError } from '../option-values.js';
import { toInputRows } from '../predict-rows.js';
import { formatMoney } from '../table.js';

interface PredictOptions {
  input: string;
  output?: string;
  explain?: boolean;
  top: string;
  batchSize: string;
  delimiter?: string;
  decimal?: string;
}

export const PREDICTION_COLUMNS = ['score', 'decision', 'expected_cost', 'model_version'] as const;

export function outputHeader(table: CsvTable, top: number): string[] {
  const added: string[] = [...PREDICTION_COLUMNS];
  for (let k = 1; k <= top; k++) added.push(`contribution_${k}_feature`, `contribution_${k}`);
  const clash = added.find((name) => table.header.includes(name));
  if (clash !== undefined) {
    throw new ShopfloorError('DATASET_DUPLICATE_COLUMN', `${table.fileName} has a column "${clash}" already, which predict writes; rename or drop it`, {
      file: table.fileName,
      column: clash,
    });
  }
  return [...table.header, ...added];
}

/** What an abstention reads as in the output file and the summary. */
const NO_DECISION = 'no decision';

/** The appended cells of one row: score, decision, cost (cents), version, then feature/SHAP pairs by rank. */
export function predictionCells(prediction: Prediction, top: number): CsvCell[] {
  const cells: CsvCell[] = [
    prediction.score,
    // The abstain path (a sensor untrusted, no companion, no rule) decides nothing.
    prediction.decision?.label ?? NO_DECISION,
    prediction.decision === null ? null : Math.round(prediction.decision.expectedCost * 100) / 100,
    prediction.model.version,
  ];
  const contributions = prediction.contributions ?? [];
  for (let k = 0; k < top; k++) {
    const c = contributions[k];
    cells.push(c?.feature ?? null, c?.contribution ?? null);
  }
  return cells;
}

/**
 * Predicts every row, `batchSize` at a time. The server names a bad row by its index in the request
 * (`rows[3]: ...`, details.row); that becomes the file's line, as a spreadsheet user looks for it.
 */
export async function predictInBatches(
  sf: Shopfloor,
  useCaseId: string,
  table: CsvTable,
  rows: ReturnType<typeof toInputRows>,
  options: { explain: boolean; top: number; batchSize: number },
): Promise<Prediction[]> {
  const predictions: Prediction[] = [];
  for (let start = 0; start < rows.length; start += options.batchSize) {
    const batch = rows.slice(start, start + options.batchSize);
    try {
      const response = await sf.predict(useCaseId, { rows: batch, explain: options.explain, topContributions: options.top });
      predictions.push(...response.predictions);
    } catch (e) {
      const index = e instanceof ShopfloorError ? e.details.row : undefined;
      if (!(e instanceof ShopfloorError) || typeof index !== 'number') throw e;
      const line = table.lines[start + index];
      const message = `${table.fileName} line ${line}: ${e.message.replace(/^rows\[\d+\]: /, '')}`;
      throw new ShopfloorError(e.code, message, { ...e.details, file: table.fileName, line, row: start + index + 1 }, { cause: e });
    }
  }
  return predictions;
}

function summary(predictions: readonly Prediction[]): { decisions: Record<string, number>; expectedCost: number; currency: string } {
  const decisions: Record<string, number> = {};
  let expectedCost = 0;
  for (const p of predictions) {
    const label = p.decision?.label ?? NO_DECISION;
    decisions[label] = (decisions[label] ?? 0) + 1;
    expectedCost += p.decision?.expectedCost ?? 0;
  }
  return { decisions, expectedCost, currency: predictions.find((p) => p.decision !== null)?.decision?.currency ?? '' };
}

export function registerPredict(program: Command, io: Io): void {
  program
    .command('predict')
    .description('Predict every row of a CSV with the use case\'s champion; writes the input columns plus score, decision, expected_cost, model_version (and the top contributions with --explain).')
    .argument('<use-case>', 'use case id')
    .requiredOption('--input <rows.csv>', 'CSV with (at least) the model\'s input columns; delimiter and decimal comma are sniffed')
    .option('--output <out.csv>', 'where to write the result (default: stdout)')
    .option('--explain', 'add the top feature contributions (TreeSHAP, margin scale) per row')
    .option('--top <n>', 'how many contributions with --explain', '3')
    .option('--batch-size <n>', 'rows per prediction call', '1000')
    .option('--delimiter <char>', 'input delimiter (default: sniffed); the output uses the same')
    .option('--decimal <sep>', 'input decimal separator . or , (default: sniffed); the output uses the same')
    .action(async (useCaseId: string, options: PredictOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const explain = options.explain === true;
      const top = explain ? parseIntegerOption('--top', options.top, 1, 100) : 0;
      const batchSize = parseIntegerOption('--batch-size', options.batchSize, 1, 10_000);
      if (options.decimal !== undefined && options.decimal !== '.' && options.decimal !== ',') {
        throw usageError(`--decimal "${options.decimal}": expected . or ,`, { option: '--decimal' });
      }
      const bytes = await readUserFile(io.cwd, options.input);
      const table = readCsvTable(bytes, basename(options.input), {
        ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
        ...(options.decimal === undefined ? {} : { decimal: options.decimal as '.' | ',' }),
      });
      const header = outputHeader(table, top);
      const predictions = await withShopfloor(globals, io, 'operator', async (sf) => {
        const useCase = await sf.getUseCase(useCaseId);
        const rows = toInputRows(table, useCase.inputs);
        return predictInBatches(sf, useCase.id, table, rows, { explain, top: Math.max(top, 1), batchSize });
      });
      const style = { delimiter: table.delimiter, decimal: table.decimal };
      const csv =
        csvLine(header, style) +
        table.rows.map((cells, r) => csvLine([...cells, ...predictionCells(predictions[r]!, top)], style)).join('');
      if (options.output !== undefined) await writeUserFile(io.cwd, options.output, csv);
      const { decisions, expectedCost, currency } = summary(predictions);
      if (globals.json === true) {
        printJson(io, {
          useCaseId,
          input: options.input,
          output: options.output ?? null,
          rows: predictions.length,
          decisions,
          expectedCost,
          currency,
          ...(options.output === undefined ? { predictions } : {}),
        });
      } else if (options.output === undefined) {
        io.out(csv);
      } else {
        const counts = Object.entries(decisions).map(([label, n]) => `${n} ${label}`).join(', ');
        io.out(`Predicted ${predictions.length} rows of ${options.input} -> ${options.output}: ${counts}; expected cost ${formatMoney(expectedCost, currency)}\n`);
      }
    });
}
