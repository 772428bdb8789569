// Numbers in reports: money with thousands separators, metrics with four significant digits, p-values with two.

export function num(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 100) return v.toFixed(1);
  return Number(v.toPrecision(digits)).toString();
}

export function signed(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? 'n/a' : `${v >= 0 ? '+' : ''}${num(v)}`;
}
