// Writing CSV the way the input was written (same delimiter and decimal separator), quoting only where needed.

export type CsvCell = string | number | null;

export interface CsvStyle {
  delimiter: string;
  decimal: '.' | ',';
}

export function csvField(cell: CsvCell, style: CsvStyle): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? formatNumber(cell, style.decimal) : cell;
  const needsQuotes =
    text.includes(style.delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r') || text !== text.trim();
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Plain decimal notation where JavaScript would use it, with the file's decimal separator. */
export function formatNumber(value: number, decimal: '.' | ','): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  return decimal === ',' ? text.replace('.', ',') : text;
}

export function csvLine(cells: readonly CsvCell[], style: CsvStyle): string {
  return `${cells.map((cell) => csvField(cell, style)).join(style.delimiter)}\n`;
}
