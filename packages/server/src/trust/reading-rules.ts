// Rules about single readings that the baseline fit and the streaming checks must apply identically.
import type { SensorSpec } from '@shopfloor/contracts';

/** Two readings closer than this are "no change": half the resolution (a quantised sensor repeats its last digit). */
export function stuckTolerance(spec: SensorSpec): number {
  return spec.resolution > 0 ? spec.resolution / 2 : 0;
}

/** A known counter reset (tool wear back to 0 at a tool change): a drop into the lowest 10% of the range. */
export function isCounterReset(spec: SensorSpec, previous: number, v: number): boolean {
  return spec.counterResets && v < previous && v <= spec.min + 0.1 * (spec.max - spec.min);
}

export function inRange(spec: SensorSpec, v: number): boolean {
  return v >= spec.min && v <= spec.max;
}
