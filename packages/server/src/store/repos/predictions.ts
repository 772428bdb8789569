// The prediction log: logged predictions (batch inserts), their shadow answers and feedback; queries by use case, entity and time; retention.
import { CompiledQuery, type Kysely } from 'kysely';
import {
  type Prediction,
  type InputRow,
  type LoggedPrediction,
  type PredictionFeedback,
  type PredictionPath,
  type PredictionRole,
  type PredictionShadow,
} from '@shopfloor/contracts';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { Backend } from '../connect.js';
import type { Database, PredictionFeedbackTable, PredictionShadowsTable, PredictionsTable } from '../schema.js';

/** What the writer stores; decision, act and score are read from `output`. */
export interface NewPrediction {
  id: string;
  useCaseId: string;
  entity: string | null;
  at: string;
  modelVersionId: string;
  role: PredictionRole;
  path: PredictionPath;
  input: InputRow;
  output: Prediction;
  latencyMs: number;
}

export interface NewShadow extends PredictionShadow {
  useCaseId: string;
}

export interface NewFeedback extends PredictionFeedback {
  useCaseId: string;
}

/** Newest first: `before` is the last row of the previous page. `to` is exclusive, `from` inclusive. */
export interface PredictionQuery {
  useCaseId: string;
  entity?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  path?: PredictionPath | undefined;
  /** true: only rows marked wrong or overridden; false: only the others. */
  flagged?: boolean | undefined;
  before?: { at: string; id: string } | undefined;
  limit: number;
}

export interface PruneCounts {
  predictions: number;
  shadows: number;
  feedback: number;
}

export interface PredictionsRepo {
  /** Inserts every row or (on any failure) none, when called inside a transaction. */
  insertMany(rows: readonly NewPrediction[]): Promise<void>;
  insertShadows(rows: readonly NewShadow[]): Promise<void>;
  get(id: string): Promise<LoggedPrediction | null>;
  list(query: PredictionQuery): Promise<LoggedPrediction[]>;
  /** Ids of the entity's predictions with from < at <= to, oldest first. */
  idsOfEntity(useCaseId: string, entity: string, from: string, to: string): Promise<string[]>;
  shadowsOf(predictionId: string): Promise<PredictionShadow[]>;
  addFeedback(rows: readonly NewFeedback[]): Promise<void>;
  feedbackOf(predictionIds: readonly string[]): Promise<PredictionFeedback[]>;
  /** Deletes predictions (with their feedback) and shadow rows answered before `before`. */
  prune(before: string): Promise<PruneCounts>;
}

/** Flagged: an operator said it was wrong, or took another decision. */
export const FLAGGED_KINDS = ['wrong', 'override'] as const;

/** 13 values a row: 1,000 rows stay far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const INSERT_CHUNK = 1000;
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toLogged(row: PredictionsTable): LoggedPrediction {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    entity: row.entity,
    at: row.at,
    modelVersionId: row.model_version_id,
    role: row.role as PredictionRole,
    path: row.path as PredictionPath,
    decision: row.decision,
    act: row.act === null ? null : Number(row.act) === 1,
    score: row.score === null ? null : Number(row.score),
    latencyMs: Number(row.latency_ms),
    input: fromJsonColumn(row.input_json) as InputRow,
    output: fromJsonColumn(row.output_json) as Prediction,
  };
}

function toShadow(row: PredictionShadowsTable): PredictionShadow {
  return {
    predictionId: row.prediction_id,
    modelVersionId: row.model_version_id,
    mode: row.mode as PredictionShadow['mode'],
    output: row.output_json === null ? null : (fromJsonColumn(row.output_json) as Prediction),
    error: row.error,
    latencyMs: Number(row.latency_ms),
    at: row.at,
  };
}

function toFeedback(row: PredictionFeedbackTable): PredictionFeedback {
  return {
    id: row.id,
    predictionId: row.prediction_id,
    kind: row.kind as PredictionFeedback['kind'],
    outcome: row.outcome_json === null ? null : (fromJsonColumn(row.outcome_json) as InputRow[string]),
    decision: row.decision,
    reasonCode: row.reason_code,
    note: row.note,
    by: row.by_user,
    at: row.at,
  };
}

function predictionRow(p: NewPrediction): PredictionsTable {
  const decision = p.output.decision;
  return {
    id: p.id,
    use_case_id: p.useCaseId,
    entity: p.entity,
    at: p.at,
    model_version_id: p.modelVersionId,
    role: p.role,
    path: p.path,
    decision: decision?.label ?? null,
    act: decision === null ? null : decision.act ? 1 : 0,
    score: p.output.score,
    latency_ms: p.latencyMs,
    input_json: toJsonColumn(p.input),
    output_json: toJsonColumn(p.output),
  };
}

function shadowRow(s: NewShadow): PredictionShadowsTable {
  return {
    prediction_id: s.predictionId,
    use_case_id: s.useCaseId,
    model_version_id: s.modelVersionId,
    mode: s.mode,
    output_json: s.output === null ? null : toJsonColumn(s.output),
    error: s.error,
    latency_ms: s.latencyMs,
    at: s.at,
  };
}

/** A table's columns in the order the SQLite insert binds them (the Record type makes a new column fail to compile until it is listed). */
interface RawInsert<Row> {
  columns: (keyof Row)[];
  prefix: string;
  placeholders: string;
}

function rawInsert<Row>(table: string, columnSet: Record<keyof Row, true>): RawInsert<Row> {
  const columns = Object.keys(columnSet) as (keyof Row)[];
  return {
    columns,
    prefix: `insert into "${table}" (${columns.map((c) => `"${String(c)}"`).join(', ')}) values `,
    placeholders: `(${columns.map(() => '?').join(', ')})`,
  };
}

const PREDICTION_INSERT = rawInsert<PredictionsTable>('predictions', { id: true, use_case_id: true, entity: true, at: true, model_version_id: true, role: true, path: true, decision: true, act: true, score: true, latency_ms: true, input_json: true, output_json: true });
const SHADOW_INSERT = rawInsert<PredictionShadowsTable>('prediction_shadows', { prediction_id: true, use_case_id: true, model_version_id: true, mode: true, output_json: true, error: true, latency_ms: true, at: true });

/**
 * The log's hot path on SQLite: one multi-row insert per chunk, its SQL text fixed by the row count
 * (so the statement cache in store/connect.ts prepares it once) and run on whatever connection `db` holds
 * (the group's transaction), without building a Kysely query per batch.
 */
async function insertRawSqlite<Row>(db: Kysely<Database>, insert: RawInsert<Row>, rows: readonly Row[]): Promise<void> {
  const sql = insert.prefix + `${insert.placeholders}, `.repeat(rows.length - 1) + insert.placeholders;
  const parameters: unknown[] = [];
  for (const row of rows) for (const column of insert.columns) parameters.push(row[column]);
  await db.executeQuery(CompiledQuery.raw(sql, parameters));
}

export function predictionsRepo(db: Kysely<Database>, backend: Backend): PredictionsRepo {
  return {
    async insertMany(rows) {
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        if (backend === 'sqlite') await insertRawSqlite(db, PREDICTION_INSERT, chunk.map(predictionRow));
        else await db.insertInto('predictions').values(chunk.map(predictionRow)).execute();
      }
    },
    async insertShadows(rows) {
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        if (backend === 'sqlite') await insertRawSqlite(db, SHADOW_INSERT, chunk.map(shadowRow));
        else await db.insertInto('prediction_shadows').values(chunk.map(shadowRow)).execute();
      }
    },
    async get(id) {
      const row = await db.selectFrom('predictions').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toLogged(row);
    },
    async list(q) {
      let query = db.selectFrom('predictions').selectAll('predictions').where('use_case_id', '=', q.useCaseId);
      if (q.entity !== undefined) query = query.where('entity', '=', q.entity);
      if (q.from !== undefined) query = query.where('at', '>=', q.from);
      if (q.to !== undefined) query = query.where('at', '<', q.to);
      if (q.path !== undefined) query = query.where('path', '=', q.path);
      if (q.flagged !== undefined) {
        const flaggedIds = db.selectFrom('prediction_feedback').select('prediction_id').where('use_case_id', '=', q.useCaseId).where('kind', 'in', FLAGGED_KINDS);
        query = query.where('id', q.flagged ? 'in' : 'not in', flaggedIds);
      }
      const before = q.before;
      if (before !== undefined) {
        query = query.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
      }
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
      return rows.map(toLogged);
    },
    async idsOfEntity(useCaseId, entity, from, to) {
      const rows = await db
        .selectFrom('predictions')
        .select('id')
        .where('use_case_id', '=', useCaseId)
        .where('entity', '=', entity)
        .where('at', '>', from)
        .where('at', '<=', to)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },
    async shadowsOf(predictionId) {
      const rows = await db.selectFrom('prediction_shadows').selectAll().where('prediction_id', '=', predictionId).orderBy('at').execute();
      return rows.map(toShadow);
    },
    async addFeedback(rows) {
      if (rows.length === 0) return;
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        await db
          .insertInto('prediction_feedback')
          .values(
            chunk.map((f) => ({
              id: f.id,
              prediction_id: f.predictionId,
              use_case_id: f.useCaseId,
              kind: f.kind,
              outcome_json: f.outcome === null ? null : toJsonColumn(f.outcome),
              decision: f.decision,
              reason_code: f.reasonCode,
              note: f.note,
              by_user: f.by,
              at: f.at,
            })),
          )
          .execute();
      }
    },
    async feedbackOf(predictionIds) {
      const out: PredictionFeedback[] = [];
      for (const chunk of chunks(predictionIds, IN_CHUNK)) {
        const rows = await db.selectFrom('prediction_feedback').selectAll().where('prediction_id', 'in', chunk).orderBy('at').orderBy('id').execute();
        out.push(...rows.map(toFeedback));
      }
      return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },
    async prune(before) {
      // Per use case, so the one time index of each table, (use_case_id, at, ...), finds the old rows (migrations 016, 017).
      const useCases = db.selectFrom('use_cases').select('id');
      const old = db.selectFrom('predictions').select('id').where('use_case_id', 'in', useCases).where('at', '<', before);
      const feedback = await db.deleteFrom('prediction_feedback').where('prediction_id', 'in', old).executeTakeFirst();
      const shadows = await db.deleteFrom('prediction_shadows').where('use_case_id', 'in', useCases).where('at', '<', before).executeTakeFirst();
      const predictions = await db.deleteFrom('predictions').where('use_case_id', 'in', useCases).where('at', '<', before).executeTakeFirst();
      return { predictions: Number(predictions.numDeletedRows), shadows: Number(shadows.numDeletedRows), feedback: Number(feedback.numDeletedRows) };
    },
  };
}
