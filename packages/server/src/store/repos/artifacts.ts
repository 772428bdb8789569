// Content-addressed artifacts (model files, typed dataset tables): stored with their sha256, re-hashed on every load.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ShopfloorError } from '@shopfloor/contracts';
import type { Database } from '../schema.js';

/** 'model' artifacts fail as MODEL_ARTIFACT_CORRUPT, every other kind as ARTIFACT_CORRUPT. */
export type ArtifactKind = 'model' | 'dataset' | (string & {});

export interface Artifact {
  sha256: string;
  kind: ArtifactKind;
  size: number;
  bytes: Buffer;
  createdAt: string;
}

export interface ArtifactsRepo {
  /** Stores the bytes (once: identical bytes share one row) and returns their sha256 hex. */
  put(kind: ArtifactKind, bytes: Uint8Array, createdAt: string): Promise<string>;
  /** Loads and verifies; throws ARTIFACT_NOT_FOUND, or (MODEL_)ARTIFACT_CORRUPT when the bytes no longer hash to the key. */
  get(sha256: string): Promise<Artifact>;
  has(sha256: string): Promise<boolean>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function artifactsRepo(db: Kysely<Database>): ArtifactsRepo {
  return {
    async put(kind, bytes, createdAt) {
      const sha256 = sha256Hex(bytes);
      await db
        .insertInto('artifacts')
        .values({ sha256, kind, size: bytes.byteLength, bytes: asBuffer(bytes), created_at: createdAt })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      return sha256;
    },
    async get(sha256) {
      const row = await db.selectFrom('artifacts').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      if (row === undefined) {
        throw new ShopfloorError('ARTIFACT_NOT_FOUND', `Artifact ${sha256} is not stored`, { sha256 });
      }
      const bytes = asBuffer(row.bytes);
      const actual = sha256Hex(bytes);
      if (actual !== row.sha256 || bytes.byteLength !== row.size) {
        const code = row.kind === 'model' ? 'MODEL_ARTIFACT_CORRUPT' : 'ARTIFACT_CORRUPT';
        throw new ShopfloorError(
          code,
          `Stored ${row.kind} artifact ${sha256} is corrupt: its bytes hash to ${actual} (${bytes.byteLength} of ${row.size} bytes)`,
          { sha256, actualSha256: actual, kind: row.kind, size: row.size, actualSize: bytes.byteLength },
        );
      }
      return { sha256: row.sha256, kind: row.kind, size: row.size, bytes, createdAt: row.created_at };
    },
    async has(sha256) {
      const row = await db.selectFrom('artifacts').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
      return row !== undefined;
    },
  };
}
