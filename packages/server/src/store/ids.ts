// Text ids for rows that are not content-addressed: a short prefix saying what it is, then random bits (after the time, for hot tables).
import { randomBytes, randomFillSync } from 'node:crypto';

/** `newId('usr')` -> `usr_Vq3k9xJ0b2Lw1dZe`. Prefixes keep ids readable in logs and the audit trail. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** Random bytes per id from a source: 72 bits, 12 base64url characters. */
const SOURCE_RANDOM_BYTES = 9;

/**
 * Ids for a table written on every request (the prediction log): `pred_0mf2k9x1c` + 12 random characters.
 * The first part is the time in milliseconds, base 36, fixed width, so ids sort by time as text and
 * each insert lands at the right edge of the primary-key index instead of a random page. The random
 * part comes from a pool refilled once per `poolIds` ids, not one crypto call per id. Each source owns its pool.
 */
export function createIdSource(prefix: string, poolIds = 512, now: () => number = Date.now): () => string {
  const pool = Buffer.allocUnsafe(poolIds * SOURCE_RANDOM_BYTES);
  let offset = pool.length;
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const random = pool.toString('base64url', offset, offset + SOURCE_RANDOM_BYTES);
    offset += SOURCE_RANDOM_BYTES;
    return `${prefix}_${now().toString(36).padStart(9, '0')}${random}`;
  };
}
