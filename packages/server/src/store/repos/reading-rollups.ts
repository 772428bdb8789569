// Readings rolled up into fixed time tiles per sensor (min, max, count), kept in step on insert, and trace buckets read from them.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Tile sizes by level: 10 s, 1 min, 10 min, 1 h, 6 h, 1 d; each a whole multiple of the one before. */
export const ROLLUP_TILES_MS: readonly number[] = [10_000, 60_000, 600_000, 3_600_000, 21_600_000, 86_400_000];

/** 6 parameters a row: 5,000 rows = 30,000, under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_UPSERT = 5000;

/** The trace buckets (see ReadingBuckets in readings.ts), as parallel plain arrays while they are merged. */
export interface BucketParts {
  index: number[];
  min: number[];
  max: number[];
  count: number[];
}

interface RollupRow {
  sensor_id: string;
  level: number;
  slot: number;
  min: number;
  max: number;
  count: number;
}

async function upsert(db: Kysely<Database>, rows: readonly RollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_UPSERT) {
    await db
      .insertInto('reading_rollups')
      .values(rows.slice(i, i + ROWS_PER_UPSERT))
      .onConflict((oc) =>
        oc.columns(['sensor_id', 'level', 'slot']).doUpdateSet((eb) => ({ min: eb.ref('excluded.min'), max: eb.ref('excluded.max'), count: eb.ref('excluded.count') })),
      )
      .execute();
  }
}

/**
 * Recomputes every tile that the readings of [first, last] of a sensor fall in: level 0 from the
 * readings, each level above from the one below (tiles nest, so a parent slot is slot / ratio).
 * Run it in the transaction that inserted the readings.
 */
export async function refreshRollups(db: Kysely<Database>, sensor: string, first: number, last: number): Promise<void> {
  // SQL integer division truncates towards zero: readings before 1970 are left out of the rollups (traces read them raw).
  if (last < 0) return;
  const tile0 = ROLLUP_TILES_MS[0]!;
  let lo = Math.floor(Math.max(0, first) / tile0);
  let hi = Math.floor(last / tile0);
  const base = await db
    .selectFrom('readings')
    .select([sql<number>`${sql.ref('time')} / ${sql.lit(tile0)}`.as('slot'), (eb) => eb.fn.min('value').as('lo'), (eb) => eb.fn.max('value').as('hi'), (eb) => eb.fn.countAll().as('n')])
    .where('sensor_id', '=', sensor)
    .where('time', '>=', lo * tile0)
    .where('time', '<', (hi + 1) * tile0)
    .groupBy(sql.raw('1'))
    .execute();
  await upsert(db, base.map((r) => ({ sensor_id: sensor, level: 0, slot: Number(r.slot), min: Number(r.lo), max: Number(r.hi), count: Number(r.n) })));
  for (let level = 1; level < ROLLUP_TILES_MS.length; level++) {
    const ratio = ROLLUP_TILES_MS[level]! / ROLLUP_TILES_MS[level - 1]!;
    // Whole parents: every parent touched is recomputed from all of its children, not just the changed ones.
    lo = Math.floor(lo / ratio);
    hi = Math.floor(hi / ratio);
    const rows = await db
      .selectFrom('reading_rollups')
      .select([
        sql<number>`${sql.ref('slot')} / ${sql.lit(ratio)}`.as('parent'),
        (eb) => eb.fn.min('min').as('lo'),
        (eb) => eb.fn.max('max').as('hi'),
        (eb) => eb.fn.sum<number>('count').as('n'),
      ])
      .where('sensor_id', '=', sensor)
      .where('level', '=', level - 1)
      .where('slot', '>=', lo * ratio)
      .where('slot', '<', (hi + 1) * ratio)
      .groupBy(sql.raw('1'))
      .execute();
    await upsert(db, rows.map((r) => ({ sensor_id: sensor, level, slot: Number(r.parent), min: Number(r.lo), max: Number(r.hi), count: Number(r.n) })));
  }
}

/**
 * The coarsest level whose tile is at most half a bucket: placing a whole tile in the bucket its start
 * falls in then moves a reading by under half a pixel. null: buckets narrower than two of the finest
 * tiles, read the readings themselves.
 */
export function rollupLevelFor(bucketMs: number): number | null {
  let chosen: number | null = null;
  ROLLUP_TILES_MS.forEach((tile, level) => {
    if (tile * 2 <= bucketMs) chosen = level;
  });
  return chosen;
}

/** Buckets from the whole tiles of one level in slots [firstSlot, lastSlot], indexed as the window's buckets. */
export async function rollupBuckets(
  db: Kysely<Database>,
  sensor: string,
  level: number,
  firstSlot: number,
  lastSlot: number,
  window: { from: number; span: number; width: number },
): Promise<BucketParts> {
  const tile = ROLLUP_TILES_MS[level]!;
  const bucket = sql<number>`(${sql.ref('slot')} * ${sql.lit(tile)} - cast(${window.from} as bigint)) * cast(${window.width} as bigint) / cast(${window.span} as bigint)`;
  const rows = await db
    .selectFrom('reading_rollups')
    .select([bucket.as('b'), (eb) => eb.fn.min('min').as('lo'), (eb) => eb.fn.max('max').as('hi'), (eb) => eb.fn.sum<number>('count').as('n')])
    .where('sensor_id', '=', sensor)
    .where('level', '=', level)
    .where('slot', '>=', firstSlot)
    .where('slot', '<=', lastSlot)
    .groupBy(sql.raw('1'))
    .orderBy(sql.raw('1'))
    .execute();
  return {
    index: rows.map((r) => Number(r.b)),
    min: rows.map((r) => Number(r.lo)),
    max: rows.map((r) => Number(r.hi)),
    count: rows.map((r) => Number(r.n)),
  };
}

/** Merges bucket lists (each ascending by index) into one, combining buckets with the same index. */
export function mergeBuckets(parts: readonly BucketParts[]): BucketParts {
  const byIndex = new Map<number, { min: number; max: number; count: number }>();
  for (const p of parts) {
    p.index.forEach((i, k) => {
      const b = byIndex.get(i);
      if (b === undefined) byIndex.set(i, { min: p.min[k]!, max: p.max[k]!, count: p.count[k]! });
      else byIndex.set(i, { min: Math.min(b.min, p.min[k]!), max: Math.max(b.max, p.max[k]!), count: b.count + p.count[k]! });
    });
  }
  const index = [...byIndex.keys()].sort((a, b) => a - b);
  return {
    index,
    min: index.map((i) => byIndex.get(i)!.min),
    max: index.map((i) => byIndex.get(i)!.max),
    count: index.map((i) => byIndex.get(i)!.count),
  };
}
