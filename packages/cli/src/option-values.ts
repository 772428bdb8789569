// Parsers for option values (KEY=VALUE pairs, NAME[:unit], ports, JSON); a bad value is a USAGE error naming the option.
import { COLUMN_KINDS, type ColumnKind, type FeatureSpec } from '@shopfloor/contracts';
import { CliError, EXIT } from './exit-codes.js';

export function usageError(message: string, details: Record<string, unknown> = {}): CliError {
  return new CliError('USAGE', message, EXIT.usage, details);
}

/** For repeatable options: commander calls it once per occurrence. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function splitPair(option: string, pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw usageError(`${option} "${pair}": expected KEY=VALUE`, { option, value: pair });
  return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
}

/** `maxIter=300` -> 300, `x=true` -> true, `loss=log_loss` -> "log_loss"; the learner checks names and ranges. */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const [key, raw] = splitPair('--param', pair);
    params[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return params;
}

/** `--column-kind UDI=id --column-kind Type=categorical` -> the JSON object the import query takes. */
export function parseColumnKinds(pairs: readonly string[]): Record<string, ColumnKind> {
  const kinds: Record<string, ColumnKind> = {};
  for (const pair of pairs) {
    const [column, kind] = splitPair('--column-kind', pair);
    if (!(COLUMN_KINDS as readonly string[]).includes(kind)) {
      throw usageError(`--column-kind ${pair}: kind must be one of ${COLUMN_KINDS.join(', ')}`, { option: '--column-kind', value: pair });
    }
    kinds[column] = kind as ColumnKind;
  }
  return kinds;
}

/**
 * `Torque [Nm]:Nm` -> { name: 'Torque [Nm]', unit: 'Nm' }. The unit follows the last colon, so a
 * column name may itself hold colons when a unit is given (`a:b:kg`); `Type` has no unit.
 */
export function parseFeature(text: string): FeatureSpec {
  const at = text.lastIndexOf(':');
  if (at < 0) return { name: text.trim() };
  const name = text.slice(0, at).trim();
  const unit = text.slice(at + 1).trim();
  if (name === '') throw usageError(`--feature "${text}": expected NAME or NAME:unit`, { option: '--feature', value: text });
  return unit === '' ? { name } : { name, unit };
}

export function parseJsonOption(option: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw usageError(`${option}: not valid JSON (${(e as Error).message})`, { option });
  }
}

export function parseIntegerOption(option: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw usageError(`${option} "${text}": expected an integer from ${min} to ${max}`, { option, value: text });
  }
  return Number(text);
}

/** `--tolerance roc_auc=0.01 --tolerance pr_auc=0.03` -> { roc_auc: 0.01, pr_auc: 0.03 }; every value a number >= 0. */
export function parseNumberPairs(option: string, pairs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const [key, raw] = splitPair(option, pair);
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value < 0) throw usageError(`${option} "${pair}": expected KEY=NUMBER with a number >= 0`, { option, value: pair });
    out[key] = value;
  }
  return out;
}

export function parseNumberOption(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw usageError(`${option} "${text}": expected a number from ${min} to ${max}`, { option, value: text });
  }
  return value;
}
