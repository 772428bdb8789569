// Sensor-robustness records: appended per model version (seq 1, 2, 3...), the newest read by the model card.
import type { Kysely } from 'kysely';
import { RobustnessRecord } from '@shopfloor/contracts';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { Database, RobustnessRecordsTable } from '../schema.js';

export interface RobustnessRecordsRepo {
  /** Appends; records are never changed or removed. */
  insert(record: RobustnessRecord): Promise<RobustnessRecord>;
  /** The newest record of a version (highest seq), or null when it was never assessed. */
  latest(modelVersionId: string): Promise<RobustnessRecord | null>;
  /** Newest first. */
  list(modelVersionId: string): Promise<RobustnessRecord[]>;
}

function toRecord(row: RobustnessRecordsTable): RobustnessRecord {
  return RobustnessRecord.parse(fromJsonColumn(row.record_json));
}

export function robustnessRecordsRepo(db: Kysely<Database>): RobustnessRecordsRepo {
  const newest = () => db.selectFrom('robustness_records').selectAll().orderBy('seq', 'desc');
  return {
    async insert(record) {
      // seq orders records of one version even when two share a timestamp; the unique key refuses a racing duplicate.
      const last = await db.selectFrom('robustness_records').select((eb) => eb.fn.max('seq').as('seq')).where('model_version_id', '=', record.modelVersionId).executeTakeFirst();
      await db
        .insertInto('robustness_records')
        .values({
          id: record.id,
          use_case_id: record.useCaseId,
          model_version_id: record.modelVersionId,
          seq: Number(last?.seq ?? 0) + 1,
          record_json: toJsonColumn(record),
          created_at: record.createdAt,
          created_by: record.createdBy,
        })
        .execute();
      return record;
    },
    async latest(modelVersionId) {
      const row = await newest().where('model_version_id', '=', modelVersionId).limit(1).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async list(modelVersionId) {
      const rows = await newest().where('model_version_id', '=', modelVersionId).execute();
      return rows.map(toRecord);
    },
  };
}
