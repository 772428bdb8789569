// Migration 004: frozen edge-case evaluation sets (append-only, versioned) and the model tests a use case declares.
import { sql, type Kysely, type Migration } from 'kysely';

/*
 * An evaluation set is named within its use case; each append adds one version row pointing at an
 * artifact that holds every row of that version (the previous version's rows plus the new ones), so
 * a version's content is its artifact's sha256 and never changes. Versions are numbered 1, 2, 3...
 * per set by (set_id, version) being the key: two concurrent appends cannot both make version n.
 * The benchmark set is not stored here: it is the use case's dataset version plus its frozen keys.
 * Model tests are declared once per (use case, name) and never edited; `position` (1, 2, 3... per
 * use case) keeps declaration order; their spec is JSON the evaluate stage parses with its schema.
 */
export function evaluationSetsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('evaluation_sets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('evaluation_sets_use_case_name', ['use_case_id', 'name'])
        .execute();

      await db.schema
        .createTable('evaluation_set_versions')
        .addColumn('set_id', 'text', (c) => c.notNull().references('evaluation_sets.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('added_rows', 'integer', (c) => c.notNull())
        .addColumn('source_json', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('artifact_sha256', 'text', (c) => c.notNull().references('artifacts.sha256'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('evaluation_set_versions_pk', ['set_id', 'version'])
        .addCheckConstraint('evaluation_set_versions_version_check', sql`version >= 1 and added_rows >= 1 and row_count >= added_rows`)
        .execute();

      await db.schema
        .createTable('model_tests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('spec_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('model_tests_use_case_name', ['use_case_id', 'name'])
        .addUniqueConstraint('model_tests_use_case_position', ['use_case_id', 'position'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('model_tests').execute();
      await db.schema.dropTable('evaluation_set_versions').execute();
      await db.schema.dropTable('evaluation_sets').execute();
    },
  };
}
