// API tokens: 256 random bits shown once as `sf_<base64url>`, stored as SHA-256 hex, checked by one hash + one lookup.
import { createHash, randomBytes } from 'node:crypto';
import { ShopfloorError, type User } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import { newId, type Repositories } from '../store/index.js';

export interface AccessDeps {
  store: Repositories;
  clock: Clock;
}

export interface CreatedToken {
  id: string;
  userId: string;
  name: string;
  /** The plaintext: returned here once and never again. */
  token: string;
}

const TOKEN_PREFIX = 'sf_';
/** `sf_` + 43 base64url characters (32 bytes). Anything else is rejected before touching the store. */
const TOKEN_SHAPE = /^sf_[A-Za-z0-9_-]{43}$/;
/** last_used_at is refreshed at most this often, so authentication stays a read on busy tokens. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export async function createToken(deps: AccessDeps, input: { userId: string; name: string }): Promise<CreatedToken> {
  const user = await deps.store.users.get(input.userId);
  if (user === null) {
    throw new ShopfloorError('USER_NOT_FOUND', `No user has id "${input.userId}"`, { userId: input.userId });
  }
  const token = generateToken();
  const record = await deps.store.apiTokens.insert({
    id: newId('tok'),
    userId: user.id,
    tokenSha256: hashToken(token),
    name: input.name,
    createdAt: deps.clock.now().toISOString(),
  });
  return { id: record.id, userId: record.userId, name: record.name, token };
}

/** The token's user, or null when the token is malformed, unknown or revoked. */
export async function authenticate(deps: AccessDeps, token: string): Promise<User | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const found = await deps.store.apiTokens.findLiveByHash(hashToken(token));
  if (found === null) return null;
  const now = deps.clock.now();
  const lastUsed = found.token.lastUsedAt === null ? 0 : Date.parse(found.token.lastUsedAt);
  if (now.getTime() - lastUsed >= LAST_USED_RESOLUTION_MS) {
    await deps.store.apiTokens.markUsed(found.token.id, now.toISOString());
  }
  return found.user;
}

/** Returns false when no live token has this id. */
export async function revokeToken(deps: AccessDeps, tokenId: string): Promise<boolean> {
  return deps.store.apiTokens.revoke(tokenId, deps.clock.now().toISOString());
}
