// The token cache on a real SQLite store: a revoked token lasts at most the TTL, failures are never remembered, one lookup per burst.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.js';
import { openTestStore, type TestStore } from '../store/index.js';
import { createToken, createTokenCache, createUser, hashToken, revokeToken } from './index.js';

describe('createTokenCache', () => {
  let t: TestStore;
  const clock = manualClock('2024-05-01T06:00:00.000Z');
  let ms = 0;
  const now = () => ms;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('keeps answering for a revoked token until the TTL runs out, then refuses it', async () => {
    const deps = { store: t.store, clock };
    const user = await createUser(deps, { name: 'olga', role: 'operator' });
    const issued = await createToken(deps, { userId: user.id, name: 'line-3 panel' });
    const cache = createTokenCache(deps, { ttlMs: 1000, now });
    ms = 0;
    expect(await cache.authenticate(issued.token)).toEqual(user);
    await revokeToken(deps, issued.id);
    ms = 999;
    expect(await cache.authenticate(issued.token)).toEqual(user);
    ms = 1000;
    expect(await cache.authenticate(issued.token)).toBeNull();
    ms = 1500;
    expect(await cache.authenticate(issued.token)).toBeNull();
  });

  it('never remembers a refusal: a token stored after a failed try works at once', async () => {
    const deps = { store: t.store, clock };
    const user = await createUser(deps, { name: 'erik', role: 'engineer' });
    const token = `sf_${'a'.repeat(43)}`;
    const cache = createTokenCache(deps, { ttlMs: 60_000, now });
    expect(await cache.authenticate(token)).toBeNull();
    await t.store.apiTokens.insert({ id: 'tok_cache_test', userId: user.id, tokenSha256: hashToken(token), name: 'late', createdAt: clock.now().toISOString() });
    expect(await cache.authenticate(token)).toEqual(user);
    expect(await cache.authenticate('not-a-token')).toBeNull();
  });

  it('shares one lookup between concurrent requests and forgets the oldest token beyond maxEntries', async () => {
    const deps = { store: t.store, clock };
    const user = await createUser(deps, { name: 'ana', role: 'viewer' });
    const a = await createToken(deps, { userId: user.id, name: 'a' });
    const b = await createToken(deps, { userId: user.id, name: 'b' });
    const cache = createTokenCache(deps, { ttlMs: 60_000, maxEntries: 1, now });
    const burst = [cache.authenticate(a.token), cache.authenticate(a.token), cache.authenticate(a.token)];
    expect(burst[0]).toBe(burst[1]);
    expect(new Set(await Promise.all(burst)).size).toBe(1);
    await cache.authenticate(b.token);
    // a was pushed out by b: after revoking a, the next call looks it up again and refuses it
    await revokeToken(deps, a.id);
    expect(await cache.authenticate(a.token)).toBeNull();
    await revokeToken(deps, b.id);
    cache.clear();
    expect(await cache.authenticate(b.token)).toBeNull();
  });
});
