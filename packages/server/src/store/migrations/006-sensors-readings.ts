// Migration 006: registered sensors (current spec plus every past version) and their readings.
import type { Kysely, Migration } from 'kysely';

/*
 * sensors: the current spec as JSON, with asset and unit as columns for listing. Registering an id
 * again with a different spec bumps `version` and appends the new spec to sensor_versions, so a trust
 * report can always say which limits a past reading was checked against.
 *
 * readings: (sensor_id, time, value), primary key (sensor_id, time). `time` is epoch milliseconds UTC
 * as a 64-bit integer, not ISO text like the rest of the store: a range query is then an integer
 * B-tree range on both backends (8 bytes a key instead of 24 characters), needs no formatting of
 * 10^5..10^7 values per report, and cannot be misordered by a stray offset or precision. The repeated
 * hour of a clock change is two distinct instants, so it never collides with itself.
 */
export function sensorsReadingsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sensors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('spec_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema.createIndex('sensors_asset').on('sensors').columns(['asset', 'id']).execute();
      await db.schema
        .createTable('sensor_versions')
        .addColumn('sensor_id', 'text', (c) => c.notNull().references('sensors.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('spec_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('sensor_versions_pk', ['sensor_id', 'version'])
        .execute();
      await db.schema
        .createTable('readings')
        .addColumn('sensor_id', 'text', (c) => c.notNull().references('sensors.id'))
        .addColumn('time', 'bigint', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('readings_pk', ['sensor_id', 'time'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['readings', 'sensor_versions', 'sensors']) await db.schema.dropTable(table).execute();
    },
  };
}
