// Fallback rules of use cases: every rule set and every removal, numbered per use case and never edited.
import { sql, type Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { Database, FallbackRulesTable } from '../schema.js';

export interface FallbackRuleRecord {
  id: string;
  useCaseId: string;
  /** Assigned by the store on insert: one more than the use case's highest. */
  seq: number;
  action: 'set' | 'removed';
  /** Null for a removal. */
  rule: string | null;
  /** The model inputs the rule reads (empty for a removal). */
  inputs: string[];
  reason: string;
  at: string;
  by: string;
}

export type NewFallbackRule = Omit<FallbackRuleRecord, 'seq'>;

export interface FallbackRulesRepo {
  /** Appends with the next number of the use case; there is deliberately no update or delete. */
  append(entry: NewFallbackRule): Promise<FallbackRuleRecord>;
  /** The use case's newest entry (a set rule or a removal), or null when it never had one. */
  latest(useCaseId: string): Promise<FallbackRuleRecord | null>;
  /** Newest first. */
  history(useCaseId: string): Promise<FallbackRuleRecord[]>;
}

function toRecord(row: FallbackRulesTable): FallbackRuleRecord {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    seq: Number(row.seq),
    action: row.action,
    rule: row.rule,
    inputs: fromJsonColumn(row.inputs_json) as string[],
    reason: row.reason,
    at: row.created_at,
    by: row.created_by,
  };
}

const MAX_ATTEMPTS = 5;

export function fallbackRulesRepo(db: Kysely<Database>): FallbackRulesRepo {
  return {
    async append(e) {
      // As for alias events: the number is computed inside the INSERT; a concurrent writer that took it
      // first makes this row skip (no aborted transaction) and try the next one.
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const inserted = await db
          .insertInto('fallback_rules')
          .values({
            id: e.id,
            use_case_id: e.useCaseId,
            seq: sql<number>`(select coalesce(max(seq), 0) + 1 from fallback_rules where use_case_id = ${e.useCaseId})`,
            action: e.action,
            rule: e.rule,
            inputs_json: toJsonColumn(e.inputs),
            reason: e.reason,
            created_at: e.at,
            created_by: e.by,
          })
          .onConflict((oc) => oc.columns(['use_case_id', 'seq']).doNothing())
          .returning('seq')
          .executeTakeFirst();
        if (inserted !== undefined) return { ...e, seq: Number(inserted.seq) };
      }
      throw new Error(`could not number a fallback rule of use case ${e.useCaseId} after ${MAX_ATTEMPTS} attempts`);
    },
    async latest(useCaseId) {
      const row = await db.selectFrom('fallback_rules').selectAll().where('use_case_id', '=', useCaseId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async history(useCaseId) {
      const rows = await db.selectFrom('fallback_rules').selectAll().where('use_case_id', '=', useCaseId).orderBy('seq', 'desc').execute();
      return rows.map(toRecord);
    },
  };
}
