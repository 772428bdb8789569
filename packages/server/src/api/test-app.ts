// A throwaway app for route tests: a test store on either backend, a manual clock, silent logs and tokens per role.
import type { Role, User } from '@shopfloor/contracts';
import { createToken, createUser, ensureAdmin } from '../access/index.js';
import { manualClock, type ManualClock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import { openTestStore, type Backend, type Store } from '../store/index.js';
import { createApp } from './app.js';
import type { AppInstance } from './types.js';

export interface TestApp {
  app: AppInstance;
  store: Store;
  clock: ManualClock;
  config: Config;
  admin: { user: User; token: string };
  /** A new user with this role and a token for it: `{ authorization: 'Bearer sf_...' }` ready to send. */
  userWithRole(role: Role, name?: string): Promise<{ user: User; token: string; headers: { authorization: string } }>;
  cleanup(): Promise<void>;
}

let counter = 0;

export async function openTestApp(backend: Backend, overrides: Partial<Config> = {}): Promise<TestApp> {
  const testStore = await openTestStore(backend);
  const { store } = testStore;
  const clock = manualClock('2024-05-01T06:00:00.000Z');
  const config: Config = { ...loadConfig({ SHOPFLOOR_LOG_LEVEL: 'silent', SHOPFLOOR_TIME_ZONE: 'Europe/Berlin' }), ...overrides };
  let app: AppInstance | undefined;
  try {
    app = await createApp({ store, clock, config });
    const bootstrap = await ensureAdmin({ store, clock });
    if (bootstrap.token === null) throw new Error('a fresh test store already had an admin');
    return {
      app,
      store,
      clock,
      config,
      admin: { user: bootstrap.user, token: bootstrap.token },
      async userWithRole(role, name) {
        const user = await createUser({ store, clock }, { name: name ?? `${role}-${++counter}`, role });
        const { token } = await createToken({ store, clock }, { userId: user.id, name: 'test' });
        return { user, token, headers: { authorization: `Bearer ${token}` } };
      },
      async cleanup() {
        await app?.close();
        await testStore.cleanup();
      },
    };
  } catch (e) {
    await app?.close();
    await testStore.cleanup();
    throw e;
  }
}
