// Population stability index between the training rows' bin counts and a live batch's, with the usual bands.

/*
 * PSI = sum over bins of (live share - reference share) * ln(live share / reference share).
 * A bin empty on one side would make the log infinite, so shares are floored at PSI_SHARE_FLOOR
 * (a bin empty on both sides adds 0). The bands are the credit-scoring convention the plant's
 * analysts know: below 0.1 stable, 0.1 to 0.25 a moderate shift worth a look, 0.25 and above a major
 * shift (retrain or check the sensor).
 */

export const PSI_SHARE_FLOOR = 1e-4;
export const PSI_MODERATE = 0.1;
export const PSI_MAJOR = 0.25;

export type PsiBand = 'stable' | 'moderate' | 'major';

export function psiBand(psi: number): PsiBand {
  if (psi >= PSI_MAJOR) return 'major';
  if (psi >= PSI_MODERATE) return 'moderate';
  return 'stable';
}

function total(counts: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i]!;
  return sum;
}

/** PSI of two count vectors over the same bins; NaN when either side is empty. */
export function psi(reference: ArrayLike<number>, live: ArrayLike<number>): number {
  if (reference.length !== live.length) throw new RangeError(`reference has ${reference.length} bins, live ${live.length}`);
  const nRef = total(reference);
  const nLive = total(live);
  if (nRef === 0 || nLive === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const e = Math.max(reference[i]! / nRef, PSI_SHARE_FLOOR);
    const a = Math.max(live[i]! / nLive, PSI_SHARE_FLOOR);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}
