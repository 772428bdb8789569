// The event rate a binary version's no-model baseline was priced at, read back from its held-out metrics.
import type { BinaryCosts, Metrics } from '@shopfloor/contracts';
import { binaryOutcomeCosts } from '../decide/index.js';

const TOLERANCE = 1e-9;

/*
 * baselineCostPer1000 / 1000 = min(p * FN, p * TP + (1 - p) * FP) over the held-out rows, with p their
 * event rate. Both branches are linear in p, so p is recovered from whichever constant decision was
 * the cheaper one (never act first: the usual case of rare failures). null when neither fits.
 */
export function heldOutEventRate(metrics: Pick<Metrics, 'baselineCostPer1000'>, costs: BinaryCosts): number | null {
  const o = binaryOutcomeCosts(costs);
  const c = metrics.baselineCostPer1000 / 1000;
  const never = (p: number) => p * o.falseNegative + (1 - p) * o.trueNegative;
  const always = (p: number) => p * o.truePositive + (1 - p) * o.falsePositive;
  const fits = (p: number) => Number.isFinite(p) && p >= -TOLERANCE && p <= 1 + TOLERANCE;
  const clamp = (p: number) => Math.min(1, Math.max(0, p));
  const pNever = o.falseNegative === o.trueNegative ? Number.NaN : (c - o.trueNegative) / (o.falseNegative - o.trueNegative);
  if (fits(pNever) && never(pNever) <= always(pNever) + TOLERANCE) return clamp(pNever);
  const pAlways = o.truePositive === o.falsePositive ? Number.NaN : (c - o.falsePositive) / (o.truePositive - o.falsePositive);
  if (fits(pAlways) && always(pAlways) <= never(pAlways) + TOLERANCE) return clamp(pAlways);
  return null;
}
