// Text ids for rows that are not content-addressed: a short prefix saying what it is, then 96 random bits.
import { randomBytes } from 'node:crypto';

/** `newId('usr')` -> `usr_Vq3k9xJ0b2Lw1dZe`. Prefixes keep ids readable in logs and the audit trail. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
