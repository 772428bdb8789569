// The migration set, in code: one ordered list shared by both backends (names sort in apply order).
import type { Migration, MigrationProvider } from 'kysely';
import type { Backend } from '../connect.js';
import { initialMigration } from './001-initial.js';
import { labelsMigration } from './002-labels.js';

export function migrationProvider(backend: Backend): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001-initial': initialMigration(backend),
        '002-labels': labelsMigration(),
      };
    },
  };
}
