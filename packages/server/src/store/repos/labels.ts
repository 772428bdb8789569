// Labels: spans and events on an asset of a use case, inserted in batches, listed by asset/class/time, retracted once.
import { sql, type Kysely } from 'kysely';
import type { Label } from '@shopfloor/contracts';
import type { Database, LabelsTable } from '../schema.js';

/** A label as inserted: it stands (not retracted) until retract() is called. */
export type NewLabelRecord = Omit<Label, 'retracted' | 'retractedAt' | 'retractedBy' | 'retractReason' | 'replacedBy'>;

export interface LabelQuery {
  useCaseId: string;
  asset?: string | undefined;
  class?: string | undefined;
  /** ISO 8601 UTC: labels whose end (an event: its time) is at or after this. */
  from?: string | undefined;
  /** ISO 8601 UTC: labels starting at or before this. */
  to?: string | undefined;
  /** Default false: retracted labels are history, not data. */
  includeRetracted?: boolean | undefined;
  /** Default: every match. */
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface Retraction {
  at: string;
  by: string;
  reason: string;
  replacedBy: string | null;
}

export interface LabelsRepo {
  /** Inserts every label or (on a database error) none of them when run in a transaction. */
  insertMany(labels: readonly NewLabelRecord[]): Promise<Label[]>;
  get(id: string): Promise<Label | null>;
  /** Ordered by start, then id. */
  list(query: LabelQuery): Promise<Label[]>;
  /** Marks a standing label retracted; false when it does not exist or was retracted already. There is no delete. */
  retract(id: string, retraction: Retraction): Promise<boolean>;
}

function toLabel(row: LabelsTable): Label {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    asset: row.asset,
    start: row.start_at,
    end: row.end_at,
    class: row.class_name,
    note: row.note,
    author: row.author,
    createdAt: row.created_at,
    retracted: row.retracted_at !== null,
    retractedAt: row.retracted_at,
    retractedBy: row.retracted_by,
    retractReason: row.retract_reason,
    replacedBy: row.replaced_by,
  };
}

function toRow(l: NewLabelRecord): LabelsTable {
  return {
    id: l.id,
    use_case_id: l.useCaseId,
    asset: l.asset,
    start_at: l.start,
    end_at: l.end,
    class_name: l.class,
    note: l.note,
    author: l.author,
    created_at: l.createdAt,
    retracted_at: null,
    retracted_by: null,
    retract_reason: null,
    replaced_by: null,
  };
}

/** 14 columns x 500 rows stays under both SQLite's (32,766) and PostgreSQL's (65,535) bound-parameter limits. */
const ROWS_PER_INSERT = 500;

export function labelsRepo(db: Kysely<Database>): LabelsRepo {
  return {
    async insertMany(labels) {
      for (let i = 0; i < labels.length; i += ROWS_PER_INSERT) {
        await db.insertInto('labels').values(labels.slice(i, i + ROWS_PER_INSERT).map(toRow)).execute();
      }
      return labels.map((l) => toLabel(toRow(l)));
    },
    async get(id) {
      const row = await db.selectFrom('labels').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toLabel(row);
    },
    async list(query) {
      let q = db.selectFrom('labels').selectAll().where('use_case_id', '=', query.useCaseId);
      if (query.asset !== undefined) q = q.where('asset', '=', query.asset);
      if (query.class !== undefined) q = q.where('class_name', '=', query.class);
      if (query.to !== undefined) q = q.where('start_at', '<=', query.to);
      if (query.from !== undefined) q = q.where(sql<string>`coalesce(end_at, start_at)`, '>=', query.from);
      if (query.includeRetracted !== true) q = q.where('retracted_at', 'is', null);
      q = q.orderBy('start_at').orderBy('id');
      // SQLite accepts OFFSET only after a LIMIT, so an offset without a limit gets a limit no table reaches.
      const offset = query.offset ?? 0;
      if (query.limit !== undefined || offset > 0) q = q.limit(query.limit ?? Number.MAX_SAFE_INTEGER);
      if (offset > 0) q = q.offset(offset);
      return (await q.execute()).map(toLabel);
    },
    async retract(id, r) {
      const result = await db
        .updateTable('labels')
        .set({ retracted_at: r.at, retracted_by: r.by, retract_reason: r.reason, replaced_by: r.replacedBy })
        .where('id', '=', id)
        .where('retracted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
