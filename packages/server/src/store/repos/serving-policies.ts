// Serving policies of use cases: every change numbered per use case and never edited; the newest is in force.
import { sql, type Kysely } from 'kysely';
import type { Database, ServingPoliciesTable } from '../schema.js';

export interface ServingPolicyRecord {
  id: string;
  useCaseId: string;
  /** Assigned by the store on insert: one more than the use case's highest. */
  seq: number;
  outOfRange: 'fallback' | 'flag';
  /** Log-odds band around the decision threshold; null = off. */
  lowConfidenceBand: number | null;
  modelTimeoutMs: number;
  reason: string;
  at: string;
  by: string;
}

export type NewServingPolicy = Omit<ServingPolicyRecord, 'seq'>;

export interface ServingPoliciesRepo {
  /** Appends with the next number of the use case; there is deliberately no update or delete. */
  append(entry: NewServingPolicy): Promise<ServingPolicyRecord>;
  /** The use case's newest entry, or null when it never had one (the defaults apply). */
  latest(useCaseId: string): Promise<ServingPolicyRecord | null>;
  /** Newest first. */
  history(useCaseId: string): Promise<ServingPolicyRecord[]>;
}

function toRecord(row: ServingPoliciesTable): ServingPolicyRecord {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    seq: Number(row.seq),
    outOfRange: row.out_of_range,
    lowConfidenceBand: row.low_confidence_band === null ? null : Number(row.low_confidence_band),
    modelTimeoutMs: Number(row.model_timeout_ms),
    reason: row.reason,
    at: row.created_at,
    by: row.created_by,
  };
}

const MAX_ATTEMPTS = 5;

export function servingPoliciesRepo(db: Kysely<Database>): ServingPoliciesRepo {
  return {
    async append(e) {
      // As for fallback rules: the number is computed inside the INSERT; a concurrent writer that took it
      // first makes this row skip (no aborted transaction) and try the next one.
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const inserted = await db
          .insertInto('serving_policies')
          .values({
            id: e.id,
            use_case_id: e.useCaseId,
            seq: sql<number>`(select coalesce(max(seq), 0) + 1 from serving_policies where use_case_id = ${e.useCaseId})`,
            out_of_range: e.outOfRange,
            low_confidence_band: e.lowConfidenceBand,
            model_timeout_ms: e.modelTimeoutMs,
            reason: e.reason,
            created_at: e.at,
            created_by: e.by,
          })
          .onConflict((oc) => oc.columns(['use_case_id', 'seq']).doNothing())
          .returning('seq')
          .executeTakeFirst();
        if (inserted !== undefined) return { ...e, seq: Number(inserted.seq) };
      }
      throw new Error(`could not number a serving policy of use case ${e.useCaseId} after ${MAX_ATTEMPTS} attempts`);
    },
    async latest(useCaseId) {
      const row = await db.selectFrom('serving_policies').selectAll().where('use_case_id', '=', useCaseId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async history(useCaseId) {
      const rows = await db.selectFrom('serving_policies').selectAll().where('use_case_id', '=', useCaseId).orderBy('seq', 'desc').execute();
      return rows.map(toRecord);
    },
  };
}
