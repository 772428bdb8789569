// Remembers for a moment which user a bearer token belongs to, so a busy client costs one token lookup per second instead of one per request.
import { performance } from 'node:perf_hooks';
import type { User } from '@shopfloor/contracts';
import { authenticate, type AccessDeps } from './tokens.js';

export interface TokenCache {
  /** As `authenticate`, answered from memory while a successful lookup is younger than the TTL. */
  authenticate(token: string): Promise<User | null>;
  clear(): void;
}

export interface TokenCacheOptions {
  /** How long a successful lookup is reused; default 1,000 ms. */
  ttlMs?: number;
  /** Most tokens remembered; the oldest is forgotten first. Default 1,000. */
  maxEntries?: number;
  /** Monotonic milliseconds; default performance.now (the injected Clock dates records, it does not time caches). */
  now?: () => number;
}

export const DEFAULT_TOKEN_TTL_MS = 1_000;

/**
 * The trade: a token revoked (by the CLI, another instance or the API) keeps working for at most `ttlMs`
 * in a server that saw it just before. Only successful lookups are kept, so unknown or malformed tokens
 * always reach the store and never fill the memory; concurrent requests with a token not yet looked up
 * share one lookup. last_used_at is still refreshed, by the lookups that do happen.
 */
export function createTokenCache(deps: AccessDeps, options: TokenCacheOptions = {}): TokenCache {
  const ttlMs = options.ttlMs ?? DEFAULT_TOKEN_TTL_MS;
  const maxEntries = options.maxEntries ?? 1_000;
  const now = options.now ?? (() => performance.now());
  const entries = new Map<string, { user: Promise<User | null>; until: number }>();

  const forget = (token: string, entry: { user: Promise<User | null> }): void => {
    if (entries.get(token) === entry) entries.delete(token);
  };

  return {
    authenticate(token) {
      const at = now();
      const hit = entries.get(token);
      if (hit !== undefined && hit.until > at) return hit.user;
      if (hit !== undefined) entries.delete(token);
      const entry = { user: authenticate(deps, token), until: at + ttlMs };
      entries.set(token, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      entry.user.then(
        (user) => {
          if (user === null) forget(token, entry);
        },
        () => forget(token, entry),
      );
      return entry.user;
    },
    clear() {
      entries.clear();
    },
  };
}
