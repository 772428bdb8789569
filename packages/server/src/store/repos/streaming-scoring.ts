// Streaming scoring settings of use cases: one row each, replaced whole on every change.
import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { Database, StreamingScoringTable } from '../schema.js';

export interface StreamingScoringRecord {
  useCaseId: string;
  enabled: boolean;
  intervalMs: number;
  maxAgeMs: number;
  /** Sensor id -> input name, on top of the sensor ids the use case's inputs name. */
  sensors: Record<string, string>;
  /** Input name -> value, for inputs no sensor feeds (a product type, a set point). */
  constants: Record<string, string | number | boolean | null>;
  updatedAt: string;
  updatedBy: string;
}

export interface StreamingScoringRepo {
  /** Inserts or replaces the use case's setting. */
  put(record: StreamingScoringRecord): Promise<StreamingScoringRecord>;
  get(useCaseId: string): Promise<StreamingScoringRecord | null>;
  /** Every enabled setting, by use case id. */
  listEnabled(): Promise<StreamingScoringRecord[]>;
}

function toRecord(row: StreamingScoringTable): StreamingScoringRecord {
  return {
    useCaseId: row.use_case_id,
    enabled: Number(row.enabled) === 1,
    intervalMs: Number(row.interval_ms),
    maxAgeMs: Number(row.max_age_ms),
    sensors: fromJsonColumn(row.sensors_json) as StreamingScoringRecord['sensors'],
    constants: fromJsonColumn(row.constants_json) as StreamingScoringRecord['constants'],
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function streamingScoringRepo(db: Kysely<Database>): StreamingScoringRepo {
  return {
    async put(r) {
      const values = {
        enabled: r.enabled ? 1 : 0,
        interval_ms: r.intervalMs,
        max_age_ms: r.maxAgeMs,
        sensors_json: toJsonColumn(r.sensors),
        constants_json: toJsonColumn(r.constants),
        updated_at: r.updatedAt,
        updated_by: r.updatedBy,
      };
      await db
        .insertInto('streaming_scoring')
        .values({ use_case_id: r.useCaseId, ...values })
        .onConflict((oc) => oc.column('use_case_id').doUpdateSet(values))
        .execute();
      return r;
    },
    async get(useCaseId) {
      const row = await db.selectFrom('streaming_scoring').selectAll().where('use_case_id', '=', useCaseId).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async listEnabled() {
      const rows = await db.selectFrom('streaming_scoring').selectAll().where('enabled', '=', 1).orderBy('use_case_id').execute();
      return rows.map(toRecord);
    },
  };
}
