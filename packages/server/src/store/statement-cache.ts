// Reuses prepared SQLite statements: Kysely's SQLite driver prepares every query anew, which costs more than running a small one.
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** The part of better-sqlite3's Database this needs (its Statement has `busy` while an iterator is open). */
export interface PreparingDatabase {
  close(): void;
  prepare(sql: string): SqliteStatement & { readonly busy: boolean };
}

export const DEFAULT_STATEMENT_CACHE_SIZE = 500;

/**
 * Wraps a better-sqlite3 Database for Kysely's SqliteDialect so that the same SQL text gets the same
 * prepared statement back. Safe because Kysely only calls all/run/iterate with the parameters of each
 * query (statements keep no per-call state), SQLite re-prepares a statement by itself after a schema
 * change, and a statement that is still iterating (`busy`, a streamed query) is never handed out twice:
 * a second stream of the same SQL gets a fresh, uncached statement. Kysely builds SQL with placeholders,
 * so the distinct texts are few; bulk inserts vary with their row count, which the LRU bound covers.
 */
export function withStatementCache(db: PreparingDatabase, maxStatements = DEFAULT_STATEMENT_CACHE_SIZE): SqliteDatabase {
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  const cache = new Map<string, SqliteStatement & { readonly busy: boolean }>();
  return {
    close() {
      cache.clear();
      db.close();
    },
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return db.prepare(sql);
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > maxStatements) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
