// Migrating one schema while another process creates and drops other schemas in the same database.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './store.js';
import { DEFAULT_TEST_POSTGRES_URL } from './test-store.js';

const URL = process.env['SHOPFLOOR_TEST_DATABASE_URL'] ?? DEFAULT_TEST_POSTGRES_URL;
const PREFIX = `race_${randomBytes(3).toString('hex')}`;

describe('PostgreSQL store beside schemas that come and go', () => {
  const admin = new pg.Client({ connectionString: URL });
  const made: string[] = [];

  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const s of made) await admin.query(`drop schema if exists ${s} cascade`);
    await admin.end();
  });

  async function freshStore() {
    const schema = `${PREFIX}_m${made.length}`;
    made.push(schema);
    await admin.query(`create schema ${schema}`);
    return openStore({ url: URL, dataDir: tmpdir(), schema });
  }

  it('migrates while other schemas are dropped (the stock introspector fails with `schema ... does not exist`)', async () => {
    const churner = new pg.Client({ connectionString: URL });
    await churner.connect();
    let stop = false;
    let churned = 0;
    const churn = (async () => {
      for (let i = 0; !stop; i++) {
        const s = `${PREFIX}_c${i}`;
        await churner.query(`create schema ${s}; create table ${s}.t (id serial primary key, a text)`);
        await churner.query(`drop schema ${s} cascade`);
        churned++;
      }
    })();
    const failures: string[] = [];
    let migrated = 0;
    try {
      // Each migrate() introspects several times; the stock query failed ~6% of calls under this churn.
      const started = Date.now();
      while (Date.now() - started < 2500 || churned < 50) {
        const store = await freshStore();
        try {
          const names = await store.migrate();
          expect(names.length).toBeGreaterThan(10);
          expect(await store.migrate()).toEqual([]); // the bookkeeping tables are found on the second run
          migrated++;
        } catch (e) {
          failures.push(e instanceof Error ? e.message : String(e));
        } finally {
          await store.close();
        }
      }
    } finally {
      stop = true;
      await churn;
      await churner.end();
    }
    expect(failures).toEqual([]);
    expect(migrated).toBeGreaterThan(3);
    expect(churned).toBeGreaterThanOrEqual(50);
  }, 60_000);

  it('introspects only the current schema, with column facts', async () => {
    const store = await freshStore();
    try {
      await store.migrate();
      const tables = await store.db.introspection.getTables();
      const schemas = new Set(tables.map((t) => t.schema));
      expect([...schemas]).toEqual([made[made.length - 1]]);
      const migrations = tables.find((t) => t.name === 'kysely_migration');
      expect(migrations?.columns.map((c) => c.name)).toEqual(['name', 'timestamp']);
      expect(migrations?.columns[0]).toMatchObject({ dataType: 'varchar', isNullable: false, hasDefaultValue: false, isAutoIncrementing: false });
    } finally {
      await store.close();
    }
  });
});
