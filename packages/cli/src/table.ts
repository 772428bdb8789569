// Plain-text tables and number formats for people reading a terminal (scripts use --json).

/** Columns padded to their widest cell; numbers-looking cells are right-aligned. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.,\s%]+[A-Z]*$/.test(row[c] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export function formatMoney(value: number, currency: string, digits = 2): string {
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${currency}`;
}

export function formatDecimal(value: number | undefined, digits = 4): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

/** Up to `digits` decimals without trailing zeros: 1168, 295.3, 0.125. */
export function formatCompact(value: number | undefined, digits = 3): string {
  return value === undefined || !Number.isFinite(value) ? '-' : String(Number(value.toFixed(digits)));
}

/** `2025-12-03T19:59:01.123Z` -> `2025-12-03 19:59 UTC`. */
export function formatInstant(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]} UTC`;
}
