// Users, roles and tokens on both store backends: tokens work once issued, never as stored, and not once revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopfloorError } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { openTestStore, type TestStore } from '../store/index.js';
import { authenticate, createToken, createUser, ensureAdmin, hasRole, hashToken, requireRole, revokeToken } from './index.js';

describe('roles', () => {
  it('orders viewer < operator < engineer < admin', () => {
    expect(hasRole({ role: 'admin' }, 'engineer')).toBe(true);
    expect(hasRole({ role: 'engineer' }, 'engineer')).toBe(true);
    expect(hasRole({ role: 'operator' }, 'engineer')).toBe(false);
    expect(hasRole({ role: 'viewer' }, 'operator')).toBe(false);
  });

  it('refuses a weak role with AUTH_ROLE_TOO_WEAK naming the needed role', () => {
    const user = { id: 'usr_1', name: 'olga', role: 'operator' as const, createdAt: '2024-01-01T00:00:00.000Z' };
    expect(() => requireRole(user, 'engineer')).toThrow(ShopfloorError);
    try {
      requireRole(user, 'engineer');
    } catch (e) {
      expect((e as ShopfloorError).code).toBe('AUTH_ROLE_TOO_WEAK');
      expect((e as ShopfloorError).status).toBe(403);
      expect((e as ShopfloorError).details).toMatchObject({ role: 'operator', needed: 'engineer' });
    }
    expect(() => requireRole(user, 'viewer')).not.toThrow();
  });
});

describe.each(['sqlite', 'postgres'] as const)('access on %s', (backend) => {
  let t: TestStore;
  const clock = manualClock('2024-05-01T06:00:00.000Z');
  beforeAll(async () => {
    t = await openTestStore(backend);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('issues a 256-bit token once, stores only its SHA-256, and authenticates with it', async () => {
    const deps = { store: t.store, clock };
    const user = await createUser(deps, { name: 'erik', role: 'engineer' });
    const issued = await createToken(deps, { userId: user.id, name: 'laptop' });
    expect(issued.token).toMatch(/^sf_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(issued.token.slice(3), 'base64url').length).toBe(32);
    const stored = await t.store.db.selectFrom('api_tokens').selectAll().where('id', '=', issued.id).executeTakeFirstOrThrow();
    expect(stored.token_sha256).toBe(hashToken(issued.token));
    expect(JSON.stringify(stored)).not.toContain(issued.token.slice(3));
    expect(await authenticate(deps, issued.token)).toEqual(user);
    expect(await authenticate(deps, stored.token_sha256)).toBeNull();
    const oneCharOff = issued.token.slice(0, -1) + (issued.token.endsWith('A') ? 'Q' : 'A');
    expect(await authenticate(deps, oneCharOff)).toBeNull();
    expect(await authenticate(deps, '')).toBeNull();
  });

  it('records when a token was last used, at most once a minute', async () => {
    const deps = { store: t.store, clock };
    const user = await createUser(deps, { name: 'uma', role: 'viewer' });
    const { id, token } = await createToken(deps, { userId: user.id, name: 'ui' });
    await authenticate(deps, token);
    const first = (await t.store.apiTokens.listForUser(user.id))[0]?.lastUsedAt;
    expect(first).toBe(clock.now().toISOString());
    clock.advance(30_000);
    await authenticate(deps, token);
    expect((await t.store.apiTokens.listForUser(user.id))[0]?.lastUsedAt).toBe(first);
    clock.advance(31_000);
    await authenticate(deps, token);
    expect((await t.store.apiTokens.listForUser(user.id))[0]?.lastUsedAt).toBe(clock.now().toISOString());
    expect(await revokeToken(deps, id)).toBe(true);
    expect(await authenticate(deps, token)).toBeNull();
  });

  it('refuses a token for a user that does not exist and a user with an empty name', async () => {
    const deps = { store: t.store, clock };
    await expect(createToken(deps, { userId: 'usr_ghost', name: 'x' })).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(createUser(deps, { name: '  ', role: 'viewer' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('bootstraps one admin with a token, and on a second call returns it without a token', async () => {
    const deps = { store: t.store, clock };
    const first = await ensureAdmin(deps);
    expect(first.created).toBe(true);
    expect(first.user.role).toBe('admin');
    expect(first.token).not.toBeNull();
    expect(await authenticate(deps, first.token ?? '')).toEqual(first.user);
    const second = await ensureAdmin(deps);
    expect(second).toEqual({ user: first.user, token: null, created: false });
    const audit = await t.store.audit.list({ subject: `user:${first.user.id}` });
    expect(audit.map((a) => a.action)).toEqual(['admin.bootstrap']);
  });
});
