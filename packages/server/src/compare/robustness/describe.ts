// The replay in plant words: what the failed sensor read, and the worst outcome as the model card shows it.
import type { FailureMode, FailureOutcome } from '@shopfloor/contracts';
import { DRIFT_SIGMAS, NOISE_FACTOR } from './failure-modes.js';

export type PrimaryMetric = 'roc_auc' | 'rmse' | 'accuracy';

const METRIC_LABEL: Record<PrimaryMetric, string> = { roc_auc: 'AUC', rmse: 'RMSE', accuracy: 'accuracy' };

/** 4 significant digits, no trailing zeros: 42.8, 1551, 0.0123. */
function reading(v: number, unit: string | null): string {
  const text = Number.isFinite(v) ? String(Number(v.toPrecision(4))) : 'no value';
  return unit === null ? text : `${text} ${unit}`;
}

/** `assets`: how many assets the replay has (stuck-last freezes each at its own first reading). */
export function failureDescription(mode: FailureMode, size: number, unit: string | null, assets: number): string {
  switch (mode) {
    case 'stuck-last':
      return assets > 1 ? "stuck at each asset's first reading" : `stuck at its first reading, ${reading(size, unit)}`;
    case 'stuck-zero':
      return `stuck at ${reading(0, unit)}`;
    case 'missing':
      return 'missing (no reading)';
    case 'noise-x3':
      return `noise x${NOISE_FACTOR} (sd ${reading(size, unit)} added)`;
    case 'drift':
      return `drifting to ${size >= 0 ? '+' : ''}${reading(size, unit)} (${DRIFT_SIGMAS} sigma) over the set`;
  }
}

function metricText(metric: PrimaryMetric, v: number | null): string {
  if (v === null) return 'undefined';
  return metric === 'rmse' ? String(Number(v.toPrecision(4))) : v.toFixed(3);
}

/** `+EUR 95,000 per 1,000` */
export function moneyPer1000(change: number, currency: string): string {
  const rounded = Math.round(change);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '-' : '';
  return `${sign}${currency} ${Math.abs(rounded).toLocaleString('en-US')} per 1,000`;
}

/** "Torque [Nm] stuck at 0 Nm: AUC 0.976 -> 0.610, +EUR 95,000 per 1,000 (31.2% of decisions change)" */
export function findingText(feature: string, outcome: FailureOutcome, metric: PrimaryMetric, currency: string): string {
  const m = `${METRIC_LABEL[metric]} ${metricText(metric, outcome.metricBefore)} -> ${metricText(metric, outcome.metricAfter)}`;
  const share = `${(outcome.decisionsChanged * 100).toFixed(1)}% of decisions change`;
  return `${feature} ${outcome.description}: ${m}, ${moneyPer1000(outcome.costPer1000Change, currency)} (${share})`;
}
