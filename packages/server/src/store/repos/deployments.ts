// Deployments of use cases: the standing record (revisioned), its append-only events and promotion approvals.
import { sql, type Kysely } from 'kysely';
import type { CanaryState, DeploymentMode } from '@shopfloor/contracts';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { Database, DeploymentApprovalsTable, DeploymentEventsTable, DeploymentsTable } from '../schema.js';

export interface StoredVariant {
  modelVersionId: string;
  mode: DeploymentMode;
  /** Null for a shadow. */
  share: number | null;
  canary?: CanaryState;
}

export interface DeploymentRecord {
  useCaseId: string;
  variants: StoredVariant[];
  mirrors: { url: string; share: number }[];
  /** This use case's own setting; the server config may require approval for all. */
  approvalRequired: boolean;
  /** 1 for the first stored record, one more on each save. */
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface DeploymentEventRecord {
  id: string;
  useCaseId: string;
  /** Assigned by the store on insert: one more than the use case's highest. */
  seq: number;
  action: string;
  modelVersionId: string | null;
  details: Record<string, unknown>;
  reason: string;
  at: string;
  by: string;
}
export type NewDeploymentEvent = Omit<DeploymentEventRecord, 'seq'>;

export interface ApprovalRecord {
  id: string;
  useCaseId: string;
  modelVersionId: string;
  status: 'pending' | 'approved' | 'superseded';
  reason: string;
  requestedAt: string;
  requestedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

export interface DeploymentsRepo {
  get(useCaseId: string): Promise<DeploymentRecord | null>;
  /** Every stored deployment (the canary controller walks them). */
  list(): Promise<DeploymentRecord[]>;
  /**
   * Stores `record` as revision `previousRevision + 1` when the stored one still has `previousRevision`
   * (0: none stored yet). False, writing nothing, when someone else saved in between.
   */
  save(record: Omit<DeploymentRecord, 'revision'>, previousRevision: number): Promise<boolean>;
  /** Appends with the next number of the use case; there is deliberately no update or delete. */
  appendEvent(event: NewDeploymentEvent): Promise<DeploymentEventRecord>;
  /** Newest first. */
  events(useCaseId: string, limit?: number): Promise<DeploymentEventRecord[]>;
  insertApproval(approval: ApprovalRecord): Promise<ApprovalRecord>;
  getApproval(useCaseId: string, id: string): Promise<ApprovalRecord | null>;
  /** Oldest first. */
  pendingApprovals(useCaseId: string): Promise<ApprovalRecord[]>;
  /** Closes a pending approval; false when it was not pending any more (someone decided first). */
  decideApproval(id: string, decision: { status: 'approved' | 'superseded'; at: string; by: string; reason: string }): Promise<boolean>;
}

function toRecord(row: DeploymentsTable): DeploymentRecord {
  const body = fromJsonColumn(row.record_json) as Pick<DeploymentRecord, 'variants' | 'mirrors' | 'approvalRequired'>;
  return { useCaseId: row.use_case_id, ...body, revision: Number(row.revision), updatedAt: row.updated_at, updatedBy: row.updated_by };
}

function toEvent(row: DeploymentEventsTable): DeploymentEventRecord {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    seq: Number(row.seq),
    action: row.action,
    modelVersionId: row.model_version_id,
    details: fromJsonColumn(row.details_json) as Record<string, unknown>,
    reason: row.reason,
    at: row.at,
    by: row.done_by,
  };
}

function toApproval(row: DeploymentApprovalsTable): ApprovalRecord {
  return {
    id: row.id,
    useCaseId: row.use_case_id,
    modelVersionId: row.model_version_id,
    status: row.status,
    reason: row.reason,
    requestedAt: row.requested_at,
    requestedBy: row.requested_by,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    decisionReason: row.decision_reason,
  };
}

const MAX_ATTEMPTS = 5;

export function deploymentsRepo(db: Kysely<Database>): DeploymentsRepo {
  return {
    async get(useCaseId) {
      const row = await db.selectFrom('deployments').selectAll().where('use_case_id', '=', useCaseId).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
    async list() {
      return (await db.selectFrom('deployments').selectAll().orderBy('use_case_id').execute()).map(toRecord);
    },
    async save(r, previousRevision) {
      const record_json = toJsonColumn({ variants: r.variants, mirrors: r.mirrors, approvalRequired: r.approvalRequired });
      if (previousRevision === 0) {
        const inserted = await db
          .insertInto('deployments')
          .values({ use_case_id: r.useCaseId, record_json, revision: 1, updated_at: r.updatedAt, updated_by: r.updatedBy })
          .onConflict((oc) => oc.column('use_case_id').doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
      }
      const updated = await db
        .updateTable('deployments')
        .set({ record_json, revision: previousRevision + 1, updated_at: r.updatedAt, updated_by: r.updatedBy })
        .where('use_case_id', '=', r.useCaseId)
        .where('revision', '=', previousRevision)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },
    async appendEvent(e) {
      // As for alias events: the number is computed inside the INSERT; a concurrent writer that took it
      // first makes this row skip (no aborted transaction) and try the next one.
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const inserted = await db
          .insertInto('deployment_events')
          .values({
            id: e.id,
            use_case_id: e.useCaseId,
            seq: sql<number>`(select coalesce(max(seq), 0) + 1 from deployment_events where use_case_id = ${e.useCaseId})`,
            action: e.action,
            model_version_id: e.modelVersionId,
            details_json: toJsonColumn(e.details),
            reason: e.reason,
            at: e.at,
            done_by: e.by,
          })
          .onConflict((oc) => oc.columns(['use_case_id', 'seq']).doNothing())
          .returning('seq')
          .executeTakeFirst();
        if (inserted !== undefined) return { ...e, seq: Number(inserted.seq) };
      }
      throw new Error(`could not number a deployment event of use case ${e.useCaseId} after ${MAX_ATTEMPTS} attempts`);
    },
    async events(useCaseId, limit = 1000) {
      const rows = await db.selectFrom('deployment_events').selectAll().where('use_case_id', '=', useCaseId).orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(toEvent);
    },
    async insertApproval(a) {
      await db
        .insertInto('deployment_approvals')
        .values({
          id: a.id,
          use_case_id: a.useCaseId,
          model_version_id: a.modelVersionId,
          status: a.status,
          reason: a.reason,
          requested_at: a.requestedAt,
          requested_by: a.requestedBy,
          decided_at: a.decidedAt,
          decided_by: a.decidedBy,
          decision_reason: a.decisionReason,
        })
        .execute();
      return a;
    },
    async getApproval(useCaseId, id) {
      const row = await db.selectFrom('deployment_approvals').selectAll().where('id', '=', id).where('use_case_id', '=', useCaseId).executeTakeFirst();
      return row === undefined ? null : toApproval(row);
    },
    async pendingApprovals(useCaseId) {
      const rows = await db
        .selectFrom('deployment_approvals')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .where('status', '=', 'pending')
        .orderBy('requested_at')
        .orderBy('id')
        .execute();
      return rows.map(toApproval);
    },
    async decideApproval(id, d) {
      const updated = await db
        .updateTable('deployment_approvals')
        .set({ status: d.status, decided_at: d.at, decided_by: d.by, decision_reason: d.reason })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },
  };
}
