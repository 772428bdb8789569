// WAL checkpoints in a worker: committed pages reach the database file without a commit doing it, the WAL goes on close, a dead worker is reported.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './store.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function filled(backgroundCheckpoint: boolean): Promise<{ store: Store; file: string; before: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'shopfloor-wal-'));
  dirs.push(dir);
  const store = openStore({ dataDir: dir, backgroundCheckpoint });
  const file = join(dir, 'shopfloor.db');
  await sql`create table blobs (id integer primary key, body text not null)`.execute(store.db);
  const before = statSync(file).size;
  // About 1 MB: under SQLite's own checkpoint threshold (1000 pages, 4 MB), so only the worker moves it.
  for (let i = 0; i < 250; i++) await sql`insert into blobs (body) values (${'x'.repeat(4000)})`.execute(store.db);
  return { store, file, before };
}

async function grown(file: string, before: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (statSync(file).size >= before + 1_000_000) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('WAL checkpoints in a worker thread', () => {
  it('copies committed pages into the database file on its own, and leaves no WAL after close', async () => {
    const { store, file, before } = await filled(true);
    expect(await grown(file, before, 5000)).toBe(true);
    const rows = await sql<{ n: number }>`select count(*) as n from blobs`.execute(store.db);
    expect(rows.rows[0]?.n).toBe(250);
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('leaves the pages in the WAL when the store checkpoints the usual way', async () => {
    const { store, file, before } = await filled(false);
    expect(await grown(file, before, 600)).toBe(false);
    await store.close();
  });

  it('reports a worker that cannot open the database', async () => {
    const failure = await new Promise<unknown>((resolve) => startWalCheckpointer(join(tmpdir(), 'shopfloor-no-such-dir', 'none.db'), resolve));
    expect(String(failure)).toMatch(/directory does not exist|unable to open|no such file/i);
  });
});
