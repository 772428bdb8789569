// Throwaway stores for tests: SQLite in a temp directory, or PostgreSQL in a fresh schema dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Backend } from './connect.js';
import { openStore, type Store } from './store.js';

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://root@127.0.0.1:5432/test';

export interface TestStore {
  store: Store;
  /** Where the SQLite file lives, or the PostgreSQL schema name. */
  where: string;
  /** Closes the store and deletes its directory or drops its schema. */
  cleanup(): Promise<void>;
}

/**
 * A migrated, empty store. PostgreSQL comes from SHOPFLOOR_TEST_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/test); each call creates its own schema, so test files can run in parallel.
 */
export async function openTestStore(backend: Backend): Promise<TestStore> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shopfloor-test-'));
    const store = openStore({ dataDir: dir });
    await store.migrate();
    return {
      store,
      where: dir,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env['SHOPFLOOR_TEST_DATABASE_URL'] ?? DEFAULT_TEST_POSTGRES_URL;
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  const store = openStore({ url, dataDir: tmpdir(), schema });
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    await adminQuery(url, `drop schema if exists ${schema} cascade`);
    throw e;
  }
  return {
    store,
    where: schema,
    async cleanup() {
      await store.close();
      await adminQuery(url, `drop schema if exists ${schema} cascade`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
