// Migration 008: the fallback rules of use cases, append-only: every rule set and every removal, numbered per use case.
import type { Kysely, Migration } from 'kysely';

/*
 * The standing rule is the newest row of the use case when its action is 'set'; a 'removed' row (rule
 * null) ends it. Rows are never updated, so the history of who decided what the line does without a
 * trusted model, and why, is complete.
 */
export function fallbackRulesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('fallback_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('rule', 'text')
        .addColumn('inputs_json', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addUniqueConstraint('fallback_rules_use_case_seq', ['use_case_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('fallback_rules').execute();
    },
  };
}
