// Creating users, and the demo's bootstrap: make sure an admin exists and hand out a token only when one was created.
import { ShopfloorError, type Role, type User } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import { newId, type Store } from '../store/index.js';
import { createToken, type AccessDeps } from './tokens.js';

export async function createUser(deps: AccessDeps, input: { name: string; role: Role }): Promise<User> {
  const name = input.name.trim();
  if (name === '') {
    throw new ShopfloorError('VALIDATION_FAILED', 'name: a user needs a non-empty name', {
      issues: [{ path: 'name', message: 'empty' }],
    });
  }
  return deps.store.users.insert({ id: newId('usr'), name, role: input.role, createdAt: deps.clock.now().toISOString() });
}

export interface EnsuredAdmin {
  user: User;
  /** A fresh plaintext token when this call created the admin; null when an admin existed already. */
  token: string | null;
  created: boolean;
}

/**
 * If no admin exists, creates one (named `name`, default "admin") with a token and returns both, in one
 * transaction so an interrupted bootstrap leaves no token-less admin behind. If one exists, returns it
 * with `token: null`: mint another explicitly with createToken.
 */
export async function ensureAdmin(deps: { store: Store; clock: Clock }, options: { name?: string } = {}): Promise<EnsuredAdmin> {
  const existing = await deps.store.users.firstWithRole('admin');
  if (existing !== null) return { user: existing, token: null, created: false };
  return deps.store.transaction(async (tx) => {
    const inTx: AccessDeps = { store: tx, clock: deps.clock };
    const user = await createUser(inTx, { name: options.name ?? 'admin', role: 'admin' });
    const { token } = await createToken(inTx, { userId: user.id, name: 'bootstrap' });
    await tx.audit.append({
      id: newId('aud'),
      at: deps.clock.now().toISOString(),
      userId: null,
      action: 'admin.bootstrap',
      subject: `user:${user.id}`,
      details: { name: user.name },
    });
    return { user, token, created: true };
  });
}
