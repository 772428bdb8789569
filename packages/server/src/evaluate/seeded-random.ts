// A small seeded generator (splitmix32 seeding sfc32) for bootstrap draws: same seed, same resamples, everywhere.

/** Uniform draws in [0, 1) with 32 bits of resolution; deterministic for a seed, never Math.random. */
export function seededRandom(seed: number): () => number {
  let x = (Math.trunc(seed) >>> 0) ^ 0x9e3779b9;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return z ^ (z >>> 16);
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let counter = 1;
  // sfc32 (Chris Doty-Humphrey's small fast chaotic generator), passes PractRand to 2^41 bytes.
  return () => {
    const t = (((a + b) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a of a string: derives a slice's own seed from its name, independent of other slices. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
