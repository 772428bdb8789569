// Sensors: the current spec per id (upsert with a version bump when it changes) and every past spec.
import type { Kysely } from 'kysely';
import type { SensorSpec } from '@shopfloor/contracts';
import type { Database, SensorsTable } from '../schema.js';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

export interface SensorRecord {
  spec: SensorSpec;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface SensorsRepo {
  get(id: string): Promise<SensorRecord | null>;
  /** The sensors with these ids that exist (all of them when ids is undefined), ordered by id. */
  list(ids?: readonly string[]): Promise<SensorRecord[]>;
  /**
   * Stores the spec: a new sensor gets version 1, a changed spec the next version (the old one stays in
   * sensor_versions), an identical spec changes nothing. Run in a transaction for several sensors.
   */
  put(spec: SensorSpec, at: string, by: string): Promise<{ record: SensorRecord; change: 'created' | 'updated' | 'unchanged' }>;
  /** Every spec the sensor had, oldest first. */
  history(id: string): Promise<SensorRecord[]>;
}

function toRecord(row: SensorsTable): SensorRecord {
  return { spec: fromJsonColumn(row.spec_json) as SensorSpec, version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/** Chunk of ids per `in (...)` list: far under both backends' bound-parameter limits. */
const IDS_PER_QUERY = 1000;

export function sensorsRepo(db: Kysely<Database>): SensorsRepo {
  return {
    async get(id) {
      const row = await db.selectFrom('sensors').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async list(ids) {
      if (ids === undefined) return (await db.selectFrom('sensors').selectAll().orderBy('id').execute()).map(toRecord);
      const out: SensorRecord[] = [];
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const part = ids.slice(i, i + IDS_PER_QUERY);
        if (part.length > 0) out.push(...(await db.selectFrom('sensors').selectAll().where('id', 'in', part).execute()).map(toRecord));
      }
      return out.sort((a, b) => (a.spec.id < b.spec.id ? -1 : a.spec.id > b.spec.id ? 1 : 0));
    },
    async put(spec, at, by) {
      const json = toJsonColumn(spec);
      const current = await db.selectFrom('sensors').selectAll().where('id', '=', spec.id).executeTakeFirst();
      if (current !== undefined && current.spec_json === json) return { record: toRecord(current), change: 'unchanged' };
      const version = (current?.version ?? 0) + 1;
      const row: SensorsTable = { id: spec.id, asset: spec.asset, unit: spec.unit, version, spec_json: json, updated_at: at, updated_by: by };
      if (current === undefined) await db.insertInto('sensors').values(row).execute();
      else await db.updateTable('sensors').set(row).where('id', '=', spec.id).execute();
      await db.insertInto('sensor_versions').values({ sensor_id: spec.id, version, spec_json: json, created_at: at, created_by: by }).execute();
      return { record: toRecord(row), change: current === undefined ? 'created' : 'updated' };
    },
    async history(id) {
      const rows = await db.selectFrom('sensor_versions').selectAll().where('sensor_id', '=', id).orderBy('version').execute();
      return rows.map((r) => ({ spec: fromJsonColumn(r.spec_json) as SensorSpec, version: r.version, updatedAt: r.created_at, updatedBy: r.created_by }));
    },
  };
}
