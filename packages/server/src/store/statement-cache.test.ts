// The prepared-statement cache under Kysely on a real SQLite database: reuse, streams, schema changes, the LRU bound.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache, type PreparingDatabase } from './statement-cache.js';

interface Db {
  reading: { id: number; sensor: string; value: number };
}

/** better-sqlite3 with a count of the statements it really prepared. */
function counted(): { raw: BetterSqlite3.Database; db: PreparingDatabase; prepared: string[] } {
  const raw = new BetterSqlite3(':memory:');
  const prepared: string[] = [];
  const db: PreparingDatabase = {
    close: () => raw.close(),
    prepare: (text) => {
      prepared.push(text);
      return raw.prepare(text);
    },
  };
  return { raw, db, prepared };
}

let open: Kysely<Db>[] = [];
afterEach(async () => {
  for (const k of open) await k.destroy();
  open = [];
});

function kysely(db: PreparingDatabase, size?: number): Kysely<Db> {
  const k = new Kysely<Db>({ dialect: new SqliteDialect({ database: withStatementCache(db, size) }) });
  open.push(k);
  return k;
}

async function seed(k: Kysely<Db>): Promise<void> {
  await k.schema.createTable('reading').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('sensor', 'text').addColumn('value', 'real').execute();
  await k.insertInto('reading').values([1, 2, 3, 4].map((id) => ({ id, sensor: id % 2 === 0 ? 'torque' : 'speed', value: id * 1.5 }))).execute();
}

describe('withStatementCache', () => {
  it('prepares a repeated query once and still answers each call with its own parameters', async () => {
    const { db, prepared } = counted();
    const k = kysely(db);
    await seed(k);
    const bySensor = (s: string) => k.selectFrom('reading').select(['id', 'value']).where('sensor', '=', s).orderBy('id').execute();
    expect(await bySensor('torque')).toEqual([{ id: 2, value: 3 }, { id: 4, value: 6 }]);
    expect(await bySensor('speed')).toEqual([{ id: 1, value: 1.5 }, { id: 3, value: 4.5 }]);
    await k.updateTable('reading').set({ value: 9 }).where('id', '=', 2).execute();
    expect(await bySensor('torque')).toEqual([{ id: 2, value: 9 }, { id: 4, value: 6 }]);
    const selects = prepared.filter((s) => s.startsWith('select "id", "value"'));
    expect(selects).toHaveLength(1);
  });

  it('keeps transactions working with cached begin and commit', async () => {
    const { db, prepared } = counted();
    const k = kysely(db);
    await seed(k);
    for (let i = 0; i < 3; i++) {
      await k.transaction().execute(async (tx) => {
        await tx.insertInto('reading').values({ id: 10 + i, sensor: 'torque', value: i }).execute();
      });
    }
    await expect(
      k.transaction().execute(async (tx) => {
        await tx.insertInto('reading').values({ id: 20, sensor: 'torque', value: 0 }).execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const ids = (await k.selectFrom('reading').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toEqual([1, 2, 3, 4, 10, 11, 12]);
    expect(prepared.filter((s) => s === 'begin')).toHaveLength(1);
  });

  it('never hands out a statement that is still iterating (Kysely streams hold the one connection, so this is defensive)', () => {
    const { raw, db } = counted();
    raw.exec('create table reading (id integer primary key); insert into reading values (1), (2), (3)');
    const cached = withStatementCache(db);
    const first = cached.prepare('select id from reading order by id');
    const iter = first.iterate([]);
    iter.next();
    const second = cached.prepare('select id from reading order by id');
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    iter.return?.();
    expect(cached.prepare('select id from reading order by id')).toBe(first);
    cached.close();
  });

  it('sees a column added after the statement was cached', async () => {
    const { db } = counted();
    const k = kysely(db);
    await seed(k);
    const all = () => sql<Record<string, unknown>>`select * from reading where id = ${1}`.execute(k);
    expect(Object.keys((await all()).rows[0] ?? {})).toEqual(['id', 'sensor', 'value']);
    await sql`alter table reading add column unit text default 'Nm'`.execute(k);
    expect((await all()).rows[0]).toEqual({ id: 1, sensor: 'speed', value: 1.5, unit: 'Nm' });
  });

  it('holds at most the configured number of statements, dropping the least recently used', async () => {
    const { db, prepared } = counted();
    const cached = withStatementCache(db, 2);
    const texts = ['select 1', 'select 2', 'select 1', 'select 3', 'select 1', 'select 2'];
    for (const t of texts) cached.prepare(t).all([]);
    // select 2 was the least recently used when select 3 came in, so it is prepared again at the end
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
    cached.close();
  });
});
