// Seeded pseudo-random numbers (splitmix32 seeding xoshiro128**): same seed, same stream, on any platform.

/** A small deterministic generator; every random choice in training draws from one of these. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    // splitmix32 expands the 32-bit seed into four non-zero state words.
    let x = (Math.trunc(seed) >>> 0) ^ 0x9e3779b9;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n), n <= 2^32. */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** A new generator whose stream depends only on this one's next draw (for independent sub-streams). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * k distinct indices from [0, n), ascending, into out (selection sampling, Knuth's algorithm S: one pass,
 * one draw per index until k are chosen). Returns the filled prefix of out.
 */
export function sampleSorted(rng: Rng, n: number, k: number, out: Int32Array = new Int32Array(k)): Int32Array {
  let chosen = 0;
  for (let i = 0; i < n && chosen < k; i++) {
    if (rng.nextFloat() * (n - i) < k - chosen) out[chosen++] = i;
  }
  return out.subarray(0, chosen);
}
