// API tokens: only the SHA-256 of each token is stored; lookup by that hash is one indexed query joined to the user.
import type { Kysely } from 'kysely';
import type { User } from '@shopfloor/contracts';
import type { ApiTokensTable, Database } from '../schema.js';
import { toUser } from './users.js';

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiToken {
  id: string;
  userId: string;
  tokenSha256: string;
  name: string;
  createdAt: string;
}

export interface ApiTokensRepo {
  insert(token: NewApiToken): Promise<ApiToken>;
  /** The live (not revoked) token with this hash and its user, or null. */
  findLiveByHash(tokenSha256: string): Promise<{ token: ApiToken; user: User } | null>;
  listForUser(userId: string): Promise<ApiToken[]>;
  markUsed(id: string, at: string): Promise<void>;
  /** Returns false when no live token has this id. */
  revoke(id: string, at: string): Promise<boolean>;
}

function toApiToken(row: Omit<ApiTokensTable, 'token_sha256'>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function apiTokensRepo(db: Kysely<Database>): ApiTokensRepo {
  return {
    async insert(t) {
      const row = {
        id: t.id,
        user_id: t.userId,
        token_sha256: t.tokenSha256,
        name: t.name,
        created_at: t.createdAt,
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto('api_tokens').values(row).execute();
      return toApiToken(row);
    },
    async findLiveByHash(tokenSha256) {
      const row = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select([
          't.id as token_id',
          't.name as token_name',
          't.created_at as token_created_at',
          't.last_used_at',
          't.revoked_at',
          'u.id',
          'u.name',
          'u.role',
          'u.created_at',
        ])
        .where('t.token_sha256', '=', tokenSha256)
        .where('t.revoked_at', 'is', null)
        .executeTakeFirst();
      if (row === undefined) return null;
      return {
        user: toUser(row),
        token: toApiToken({
          id: row.token_id,
          user_id: row.id,
          name: row.token_name,
          created_at: row.token_created_at,
          last_used_at: row.last_used_at,
          revoked_at: row.revoked_at,
        }),
      };
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toApiToken);
    },
    async markUsed(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revoke(id, at) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
