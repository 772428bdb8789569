// Alerts of use cases: inserted when raised, listed open or acknowledged, acknowledged once; never deleted.
import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { AlertsTable, Database } from '../schema.js';

export type AlertKind = 'decision' | 'drift';
export type AlertSeverity = 'critical' | 'warning';

export interface Acknowledgement {
  at: string;
  by: string;
  note: string;
}

export interface AlertRecord {
  id: string;
  useCaseId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** What the alert is about: `decision:<prediction id>` or `drift:<feature>`. */
  key: string;
  at: string;
  entity: string | null;
  predictionId: string | null;
  modelVersionId: string | null;
  message: string;
  details: Record<string, unknown>;
  /** Null while the alert is open. */
  acknowledged: Acknowledgement | null;
}

export type NewAlert = Omit<AlertRecord, 'acknowledged'>;

export interface AlertQuery {
  useCaseId: string;
  state?: 'open' | 'acknowledged' | undefined;
  /** ISO 8601 UTC, inclusive bounds on the raise time. */
  from?: string | undefined;
  to?: string | undefined;
  /** Default 100. */
  limit?: number | undefined;
}

export interface AlertsRepo {
  /** All or nothing when run in a transaction. */
  insertMany(alerts: readonly NewAlert[]): Promise<void>;
  get(id: string): Promise<AlertRecord | null>;
  /** Newest first (raise time, then id). */
  list(query: AlertQuery): Promise<AlertRecord[]>;
  /** The use case's newest open alert with this key, or null. */
  openWithKey(useCaseId: string, key: string): Promise<AlertRecord | null>;
  /** Records the acknowledgement of an open alert; null when it does not exist or was acknowledged before. */
  acknowledge(id: string, ack: Acknowledgement): Promise<AlertRecord | null>;
  /** Open alerts per use case and kind (only groups with at least one), by use case then kind. */
  countOpen(): Promise<{ useCaseId: string; kind: AlertKind; count: number }[]>;
}

function toRecord(row: AlertsTable): AlertRecord {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    kind: row.kind,
    severity: row.severity,
    key: row.key,
    at: row.raised_at,
    entity: row.entity,
    predictionId: row.prediction_id,
    modelVersionId: row.model_version_id,
    message: row.message,
    details: fromJsonColumn(row.details_json) as Record<string, unknown>,
    acknowledged: row.acknowledged_at === null || row.acknowledged_by === null ? null : { at: row.acknowledged_at, by: row.acknowledged_by, note: row.ack_note ?? '' },
  };
}

function toRow(a: NewAlert): AlertsTable {
  return {
    id: a.id,
    use_case_id: a.useCaseId,
    kind: a.kind,
    severity: a.severity,
    key: a.key,
    raised_at: a.at,
    entity: a.entity,
    prediction_id: a.predictionId,
    model_version_id: a.modelVersionId,
    message: a.message,
    details_json: toJsonColumn(a.details),
    acknowledged_at: null,
    acknowledged_by: null,
    ack_note: null,
  };
}

/** Rows per INSERT statement: far below SQLite's and PostgreSQL's bound-parameter limits (14 columns each). */
const INSERT_CHUNK = 500;

export function alertsRepo(db: Kysely<Database>): AlertsRepo {
  return {
    async insertMany(alerts) {
      for (let i = 0; i < alerts.length; i += INSERT_CHUNK) {
        await db.insertInto('alerts').values(alerts.slice(i, i + INSERT_CHUNK).map(toRow)).execute();
      }
    },
    async get(id) {
      const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async list(q) {
      let query = db.selectFrom('alerts').selectAll().where('use_case_id', '=', q.useCaseId);
      if (q.state === 'open') query = query.where('acknowledged_at', 'is', null);
      if (q.state === 'acknowledged') query = query.where('acknowledged_at', 'is not', null);
      if (q.from !== undefined) query = query.where('raised_at', '>=', q.from);
      if (q.to !== undefined) query = query.where('raised_at', '<=', q.to);
      const rows = await query.orderBy('raised_at', 'desc').orderBy('id', 'desc').limit(q.limit ?? 100).execute();
      return rows.map(toRecord);
    },
    async openWithKey(useCaseId, key) {
      const row = await db
        .selectFrom('alerts')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .where('key', '=', key)
        .where('acknowledged_at', 'is', null)
        .orderBy('raised_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async acknowledge(id, ack) {
      const row = await db
        .updateTable('alerts')
        .set({ acknowledged_at: ack.at, acknowledged_by: ack.by, ack_note: ack.note })
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async countOpen() {
      const rows = await db
        .selectFrom('alerts')
        .select((eb) => ['use_case_id', 'kind', eb.fn.countAll<number | string>().as('n')])
        .where('acknowledged_at', 'is', null)
        .groupBy(['use_case_id', 'kind'])
        .orderBy('use_case_id')
        .orderBy('kind')
        .execute();
      return rows.map((r) => ({ useCaseId: r.use_case_id, kind: r.kind, count: Number(r.n) }));
    },
  };
}
