// Migration 011: deployments of use cases (variants, mirrors, canary state), their append-only events, and promotion approvals.
import type { Kysely, Migration } from 'kysely';

/*
 * deployments: one row per use case, rewritten on each change (revision counts them); the champion is
 * not in it, it is the registry's champion alias. deployment_events: every change, numbered per use
 * case, never edited (the audit trail: who, when, why, and the record after). deployment_approvals:
 * a promotion that waits for a second engineer; decided once (approved or superseded). Events and
 * approvals name users by id without a foreign key on `by`, so the canary controller's automatic steps
 * can act for the engineer who started the canary even after that user is removed.
 */
export function deploymentsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('deployments')
        .addColumn('use_case_id', 'text', (c) => c.primaryKey().references('use_cases.id'))
        .addColumn('record_json', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('deployment_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('model_version_id', 'text')
        .addColumn('details_json', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('done_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('deployment_events_use_case_seq', ['use_case_id', 'seq'])
        .execute();
      await db.schema
        .createTable('deployment_approvals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('model_version_id', 'text', (c) => c.notNull().references('model_versions.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decision_reason', 'text')
        .execute();
      await db.schema.createIndex('deployment_approvals_use_case').on('deployment_approvals').columns(['use_case_id', 'status']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('deployment_approvals').execute();
      await db.schema.dropTable('deployment_events').execute();
      await db.schema.dropTable('deployments').execute();
    },
  };
}
