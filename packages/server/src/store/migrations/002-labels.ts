// Migration 002: labels, the spans and events on an asset that training targets and late evaluation read.
import { sql, type Kysely, type Migration } from 'kysely';

/*
 * One row per label, scoped to a use case (asset names and class words are the use case's). Times are
 * ISO 8601 UTC text with milliseconds like every other timestamp in the store, so text order is time
 * order and `end_at > start_at` can be checked by the database itself. A wrong label is never deleted
 * or edited: it is retracted (retracted_at/by/reason set once) and, for a correction, points at the
 * label that replaces it; training and evaluation read only labels with retracted_at null.
 */
export function labelsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('labels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('start_at', 'text', (c) => c.notNull())
        .addColumn('end_at', 'text')
        .addColumn('class_name', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retracted_at', 'text')
        .addColumn('retracted_by', 'text', (c) => c.references('users.id'))
        .addColumn('retract_reason', 'text')
        .addColumn('replaced_by', 'text', (c) => c.references('labels.id'))
        .addCheckConstraint('labels_span_check', sql`end_at is null or end_at > start_at`)
        .addCheckConstraint('labels_retraction_check', sql`(retracted_at is null) = (retracted_by is null)`)
        .execute();
      await db.schema.createIndex('labels_use_case_asset_start').on('labels').columns(['use_case_id', 'asset', 'start_at']).execute();
      await db.schema.createIndex('labels_use_case_start').on('labels').columns(['use_case_id', 'start_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('labels').execute();
    },
  };
}
