// Migration 013: per-sensor min/max/count rollups of readings at fixed tile sizes, so a wide trace window reads tiles, not millions of readings.
import { sql, type Kysely, type Migration } from 'kysely';
import { ROLLUP_TILES_MS } from '../repos/reading-rollups.js';

/*
 * reading_rollups: (sensor_id, level, slot) -> min, max, count of the readings with
 * slot * tile <= time < (slot + 1) * tile, tile = ROLLUP_TILES_MS[level]. Only slots holding readings
 * have a row. Kept in step by the readings repository in the transaction that inserts readings
 * (readings are never changed or deleted). Existing readings are rolled up here.
 */
export function readingRollupsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reading_rollups')
        .addColumn('sensor_id', 'text', (c) => c.notNull().references('sensors.id'))
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('slot', 'bigint', (c) => c.notNull())
        .addColumn('min', 'double precision', (c) => c.notNull())
        .addColumn('max', 'double precision', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('reading_rollups_pk', ['sensor_id', 'level', 'slot'])
        .execute();
      for (const [level, tile] of ROLLUP_TILES_MS.entries()) {
        // Integer division on both backends (bigint time, integer literal); floor for times before 1970 is not needed: readings are after it.
        await sql`insert into reading_rollups (sensor_id, level, slot, min, max, count)
          select sensor_id, ${sql.lit(level)}, time / ${sql.lit(tile)}, min(value), max(value), count(*)
          from readings group by sensor_id, time / ${sql.lit(tile)}`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('reading_rollups').execute();
    },
  };
}
