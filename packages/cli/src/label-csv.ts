// A labels CSV (asset,start,end,class,note) read into label requests, every refused cell named by file, line and column.
import { MAX_LABELS_PER_REQUEST, NewLabel, ShopfloorError } from '@shopfloor/contracts';
import { readCsvTable } from './csv-table.js';

export const LABEL_COLUMNS = ['asset', 'start', 'end', 'class', 'note'] as const;
type LabelColumn = (typeof LABEL_COLUMNS)[number];
const REQUIRED: readonly LabelColumn[] = ['asset', 'start', 'class'];

/** How many refused rows one error lists in its details; the count is always complete. */
const MAX_REPORTED = 20;

interface RowIssue {
  line: number;
  column: string;
  message: string;
}

/** Columns by lower-cased name; VALIDATION_FAILED naming an unknown or absent one (a typo would silently drop a field). */
function columnPositions(header: readonly string[], fileName: string): Map<LabelColumn, number> {
  const positions = new Map<LabelColumn, number>();
  header.forEach((name, c) => {
    const key = name.trim().toLowerCase();
    if (!(LABEL_COLUMNS as readonly string[]).includes(key)) {
      throw new ShopfloorError('VALIDATION_FAILED', `${fileName}: unknown column "${name}"; a labels file has the columns ${LABEL_COLUMNS.join(',')}`, {
        file: fileName,
        column: name,
        expected: [...LABEL_COLUMNS],
      });
    }
    positions.set(key as LabelColumn, c);
  });
  const missing = REQUIRED.filter((c) => !positions.has(c));
  if (missing.length > 0) {
    throw new ShopfloorError('VALIDATION_FAILED', `${fileName}: no column ${missing.join(', ')}; a labels file needs asset,start,class (end and note are optional)`, {
      file: fileName,
      columns: missing,
    });
  }
  return positions;
}

/** A time cell: epoch milliseconds when it is all digits, else the text (ISO 8601 with an offset). */
function timeCell(text: string): string | number {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

/**
 * The labels of a CSV, checked here so that an error names the line (the server would name labels[i]):
 * an empty end (or a missing marker such as NA) is an event. VALIDATION_FAILED listing the refused
 * cells, LABEL_INVALID_SPAN naming the line of a span that ends at or before its start.
 */
export function readLabelsCsv(bytes: Uint8Array, fileName: string): NewLabel[] {
  const table = readCsvTable(bytes, fileName);
  const at = columnPositions(table.header, fileName);
  if (table.rows.length > MAX_LABELS_PER_REQUEST) {
    throw new ShopfloorError('VALIDATION_FAILED', `${fileName}: ${table.rows.length} labels; one import takes at most ${MAX_LABELS_PER_REQUEST}, split the file`, {
      file: fileName,
      rows: table.rows.length,
      limit: MAX_LABELS_PER_REQUEST,
    });
  }
  const cell = (row: readonly string[], column: LabelColumn): string | undefined => {
    const c = at.get(column);
    return c === undefined ? undefined : row[c];
  };
  const issues: RowIssue[] = [];
  const labels: NewLabel[] = [];
  table.rows.forEach((row, r) => {
    const line = table.lines[r]!;
    const end = cell(row, 'end');
    const parsed = NewLabel.safeParse({
      asset: cell(row, 'asset'),
      start: timeCell(cell(row, 'start') ?? ''),
      end: end === undefined || table.missing.includes(end) ? null : timeCell(end),
      class: cell(row, 'class'),
      note: cell(row, 'note') ?? '',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ line, column: String(issue.path[0] ?? '(row)'), message: issue.message });
      return;
    }
    if (parsed.data.end !== null && parsed.data.end <= parsed.data.start) {
      throw new ShopfloorError('LABEL_INVALID_SPAN', `${fileName} line ${line}: the span ends at ${parsed.data.end}, not after its start ${parsed.data.start}; leave end empty for an event`, {
        file: fileName,
        line,
        field: 'end',
        start: parsed.data.start,
        end: parsed.data.end,
      });
    }
    labels.push(parsed.data);
  });
  const first = issues[0];
  if (first !== undefined) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new ShopfloorError('VALIDATION_FAILED', `${fileName} line ${first.line}, column ${first.column}: ${first.message}${more}`, {
      file: fileName,
      line: first.line,
      field: first.column,
      issues: issues.slice(0, MAX_REPORTED),
      count: issues.length,
    });
  }
  return labels;
}
