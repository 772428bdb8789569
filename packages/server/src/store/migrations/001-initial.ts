// Migration 001: users and tokens, the audit log, artifacts, datasets, use cases, model versions and aliases.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Backend } from '../connect.js';

/** Column types are chosen to read back identically on SQLite and PostgreSQL: text, integer, double, bytes. */
export function initialMigration(backend: Backend): Migration {
  const bytes = backend === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('users_role_check', sql`role in ('viewer', 'operator', 'engineer', 'admin')`)
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('token_sha256', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_user_id').on('api_tokens').column('user_id').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('details_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject', 'at']).execute();

      await db.schema
        .createTable('artifacts')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('bytes', bytes, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('datasets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('dataset_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('options_json', 'text', (c) => c.notNull())
        .addColumn('schema_json', 'text', (c) => c.notNull())
        .addColumn('stats_json', 'text', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('artifact_sha256', 'text', (c) => c.notNull().references('artifacts.sha256'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addCheckConstraint('dataset_versions_format_check', sql`format in ('csv', 'parquet')`)
        .execute();
      await db.schema
        .createIndex('dataset_versions_dataset_id')
        .on('dataset_versions')
        .columns(['dataset_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('use_cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('task', 'text', (c) => c.notNull())
        .addColumn('spec_json', 'text', (c) => c.notNull())
        .addColumn('dataset_version_id', 'text', (c) => c.notNull().references('dataset_versions.id'))
        .addColumn('split_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addCheckConstraint('use_cases_task_check', sql`task in ('binary', 'multiclass', 'regression')`)
        .execute();

      await db.schema
        .createTable('model_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('dataset_version_id', 'text', (c) => c.notNull().references('dataset_versions.id'))
        .addColumn('params_json', 'text', (c) => c.notNull())
        .addColumn('code_version', 'text', (c) => c.notNull())
        .addColumn('metrics_json', 'text', (c) => c.notNull())
        .addColumn('expected_cost_per_1000', 'double precision')
        .addColumn('threshold_json', 'text', (c) => c.notNull())
        .addColumn('artifact_sha256', 'text', (c) => c.notNull().references('artifacts.sha256'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('model_versions_use_case_version', ['use_case_id', 'version'])
        .execute();

      await db.schema
        .createTable('model_aliases')
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('model_version_id', 'text', (c) => c.notNull().references('model_versions.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('model_aliases_pk', ['use_case_id', 'alias'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'model_aliases',
        'model_versions',
        'use_cases',
        'dataset_versions',
        'datasets',
        'artifacts',
        'audit_log',
        'api_tokens',
        'users',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
