// The Shapley values of one leaf for every set of its path features a row may satisfy (tabulated TreeSHAP).

/** Gauss-Legendre nodes and weights on [0, 1] (the rule of shap-linear.ts): exact for degree <= 5. */
const GL_T = [0.5 - Math.sqrt(0.15), 0.5, 0.5 + Math.sqrt(0.15)] as const;
const GL_W = [5 / 18, 8 / 18, 5 / 18] as const;

/** A distinct feature of a root-to-leaf path and the product z of the cover fractions of its edges. */
export interface PathFeature {
  feature: number;
  z: number;
}

/**
 * Shapley values of one leaf with path features U (cover products z) for every set of them the row may
 * satisfy: d values per mask, mask-major (d << d values). For mask M (o_j = [j in M]):
 *   phi_i = (o_i - z_i) v integral_0^1 prod_{j != i} (z_j (1 - t) + o_j t) dt
 * the products over j != i as prefix * suffix, so a z of 0 needs no division.
 */
export function leafTable(path: readonly PathFeature[], value: number): Float64Array {
  const d = path.length;
  const out = new Float64Array(d << d);
  const factor = new Float64Array(d);
  const suffix = new Float64Array(d + 1);
  for (let mask = 0; mask < 1 << d; mask++) {
    const phi = mask * d;
    for (let q = 0; q < GL_T.length; q++) {
      const t = GL_T[q]!;
      for (let j = 0; j < d; j++) factor[j] = path[j]!.z * (1 - t) + ((mask >> j) & 1) * t;
      suffix[d] = 1;
      for (let j = d - 1; j >= 0; j--) suffix[j] = suffix[j + 1]! * factor[j]!;
      let prefix = 1;
      for (let j = 0; j < d; j++) {
        out[phi + j] = out[phi + j]! + GL_W[q]! * prefix * suffix[j + 1]!;
        prefix *= factor[j]!;
      }
    }
    for (let j = 0; j < d; j++) out[phi + j] = out[phi + j]! * (((mask >> j) & 1) - path[j]!.z) * value;
  }
  return out;
}
