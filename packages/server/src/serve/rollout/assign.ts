// Which version answers a row: a deterministic hash of use case + entity into [0, 1), cut into the variants' shares.
//
//   0 ──── split A (0.2) ──── 0.2 ── canary (0.05) ── 0.25 ─────────── champion (the rest) ─────────── 1
//
// The same entity always lands in the same bucket, so the same machine always gets the same model; a
// canary that grows from 5% to 25% keeps every entity it had (its range only widens), as long as the
// arms keep their order.

export interface Arm {
  /** Who answers when the bucket falls in this arm's range (a model version id). */
  key: string;
  /** Share of entities, 0..1; the arms' shares add up to at most 1 and the champion takes the rest. */
  share: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units, finished with murmur3's fmix32 so near-equal keys spread over all 32 bits. */
export function hash32(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The entity's bucket in [0, 1) for this seed (the use case id): stable across requests, processes and restarts. */
export function entityBucket(seed: string, entity: string): number {
  return hash32(`${seed}\u0000${entity}`) / 2 ** 32;
}

/** The arm whose range holds `bucket`, or null for the champion. */
export function armAt(bucket: number, arms: readonly Arm[]): string | null {
  let upper = 0;
  for (const arm of arms) {
    upper += arm.share;
    if (bucket < upper) return arm.key;
  }
  return null;
}

/**
 * Sticky by entity. A request without an entity cannot be sticky: it gets a fresh random bucket per
 * call (`random`, Math.random by default), so shares still hold over many requests.
 */
export function assign(entity: string | null, arms: readonly Arm[], seed: string, random: () => number = Math.random): string | null {
  if (arms.length === 0) return null;
  return armAt(entity === null ? random() : entityBucket(seed, entity), arms);
}
