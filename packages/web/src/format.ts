// Number, money, percentage and date formatting for the line-side screen (en-GB style, one place to change it).

const LOCALE = 'en-GB';

/** Money in the use case's currency; an ISO code gets its symbol, anything else is written after the amount. */
export function formatMoney(amount: number, currency: string, fractionDigits = 2): string {
  try {
    return new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }).format(amount);
  } catch {
    return `${formatNumber(amount, fractionDigits)} ${currency}`;
  }
}

export function formatNumber(value: number, maxFractionDigits = 2): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** A probability as a percentage: 0.1234 -> "12.3 %"; tiny values keep one significant digit. */
export function formatPercent(probability: number): string {
  const percent = probability * 100;
  const digits = percent !== 0 && Math.abs(percent) < 0.1 ? 2 : 1;
  return `${percent.toFixed(digits)} %`;
}

/** A value as an operator would type it: no float noise (300.09999999 -> "300.1"), a dot as decimal mark. */
export function formatInputValue(value: number): string {
  return String(Number(value.toPrecision(10)));
}

/** A signed SHAP value: "+0.84" / "−0.12" (a true minus sign, readable at a distance). */
export function formatSigned(value: number): string {
  const text = Math.abs(value).toFixed(2);
  return value >= 0 ? `+${text}` : `\u2212${text}`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The value of a feature as shown beside its name: numbers formatted, units appended when known. */
export function formatFeatureValue(value: number | string | boolean | null, unit?: string): string {
  if (value === null) return 'missing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return unit !== undefined && unit !== '' ? `${formatNumber(value, 3)} ${unit}` : formatNumber(value, 3);
  return value;
}
