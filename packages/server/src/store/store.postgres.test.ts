// The shared store suite on PostgreSQL (SHOPFLOOR_TEST_DATABASE_URL, a fresh schema per file), plus schema isolation.
import { describe, expect, it } from 'vitest';
import { runStoreSuite } from './store-suite.js';
import { openTestStore } from './test-store.js';

runStoreSuite('PostgreSQL', () => openTestStore('postgres'));

describe('PostgreSQL schemas', () => {
  it('keep two stores in one database apart, even when both migrate at once', async () => {
    const [a, b] = await Promise.all([openTestStore('postgres'), openTestStore('postgres')]);
    try {
      await a.store.users.insert({ id: 'usr_a', name: 'only-in-a', role: 'viewer', createdAt: '2024-01-01T00:00:00.000Z' });
      expect(await a.store.users.getByName('only-in-a')).not.toBeNull();
      expect(await b.store.users.getByName('only-in-a')).toBeNull();
      expect(await b.store.migrate()).toEqual([]);
    } finally {
      await Promise.all([a.cleanup(), b.cleanup()]);
    }
  });
});
