// Gate records: every run of the gate, written once, listed newest first, looked up by candidate.
import type { Kysely } from 'kysely';
import { GateRecord } from '@shopfloor/contracts';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { Database, GateRecordsTable } from '../schema.js';

export interface GateRecordsRepo {
  insert(record: GateRecord): Promise<GateRecord>;
  get(useCaseId: string, id: string): Promise<GateRecord | null>;
  /** Newest first; only those of one candidate when candidateId is given. */
  list(useCaseId: string, options?: { candidateId?: string | undefined; limit?: number | undefined }): Promise<GateRecord[]>;
}

function toRecord(row: GateRecordsTable): GateRecord {
  return GateRecord.parse(fromJsonColumn(row.record_json));
}

export function gateRecordsRepo(db: Kysely<Database>): GateRecordsRepo {
  return {
    async insert(record) {
      await db
        .insertInto('gate_records')
        .values({
          id: record.id,
          use_case_id: record.useCaseId,
          candidate_id: record.candidate.id,
          against_id: record.against?.id ?? null,
          passed: record.passed ? 1 : 0,
          record_json: toJsonColumn(record),
          created_at: record.createdAt,
          created_by: record.createdBy,
        })
        .execute();
      return record;
    },
    async get(useCaseId, id) {
      const row = await db.selectFrom('gate_records').selectAll().where('id', '=', id).where('use_case_id', '=', useCaseId).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async list(useCaseId, options = {}) {
      let q = db.selectFrom('gate_records').selectAll().where('use_case_id', '=', useCaseId);
      if (options.candidateId !== undefined) q = q.where('candidate_id', '=', options.candidateId);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 1000).execute();
      return rows.map(toRecord);
    },
  };
}
