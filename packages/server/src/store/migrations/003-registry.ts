// Migration 003: the registry's history: every move of an alias, and the editable known limits of a version.
import { sql, type Kysely, type Migration } from 'kysely';

/*
 * model_alias_events is append-only: one row per move or removal of an alias, numbered 1, 2, 3... per
 * use case (seq) so that two moves in the same millisecond still read back in order. model_version_id
 * is null for a removal, previous_model_version_id null for the first time an alias is set.
 * Aliases set before this migration get one event each (the only history there is), so every alias
 * standing today has at least one event explaining it.
 *
 * model_known_limits holds one editable text per model version, outside the version's own immutable
 * row; each edit is also in the audit log.
 */
export function registryMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('model_alias_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('model_version_id', 'text', (c) => c.references('model_versions.id'))
        .addColumn('previous_model_version_id', 'text', (c) => c.references('model_versions.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('moved_by', 'text', (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('model_alias_events_use_case_seq', ['use_case_id', 'seq'])
        .execute();

      await sql`
        insert into model_alias_events (id, use_case_id, seq, alias, model_version_id, previous_model_version_id, reason, at, moved_by)
        select 'ale_' || a.use_case_id || '_' || a.alias,
               a.use_case_id,
               (select count(*) from model_aliases b where b.use_case_id = a.use_case_id and b.alias <= a.alias),
               a.alias, a.model_version_id, null, 'set before alias history was kept', a.updated_at, a.updated_by
        from model_aliases a
      `.execute(db);

      await db.schema
        .createTable('model_known_limits')
        .addColumn('model_version_id', 'text', (c) => c.primaryKey().references('model_versions.id'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('model_known_limits').execute();
      await db.schema.dropTable('model_alias_events').execute();
    },
  };
}
