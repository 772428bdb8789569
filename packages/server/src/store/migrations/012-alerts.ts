// Migration 012: alerts for the line (a decision that acts, a feature drifting), and the operator's acknowledgement.
import { sql, type Kysely, type Migration } from 'kysely';

/*
 * One row per alert, written once when raised; the only later change is the acknowledgement (who,
 * when, note), set once. `key` says what the alert is about (`decision:<prediction id>`,
 * `drift:<feature>`), so drift that stays beyond its band raises one open alert, not one per look.
 * prediction_id is not a foreign key: alerts must not depend on the prediction log's retention.
 */
export function alertsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('entity', 'text')
        .addColumn('prediction_id', 'text')
        .addColumn('model_version_id', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('details_json', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
        .addColumn('ack_note', 'text')
        .addCheckConstraint('alerts_ack_check', sql`(acknowledged_at is null) = (acknowledged_by is null)`)
        .execute();
      await db.schema.createIndex('alerts_use_case_raised').on('alerts').columns(['use_case_id', 'raised_at']).execute();
      await db.schema.createIndex('alerts_use_case_key').on('alerts').columns(['use_case_id', 'key']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('alerts').execute();
    },
  };
}
