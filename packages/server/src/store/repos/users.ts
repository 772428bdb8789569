// Users: named people with one role each. Names are unique; a second user with the same name is USER_EXISTS.
import type { Kysely } from 'kysely';
import { ShopfloorError, type Role, type User } from '@shopfloor/contracts';
import type { Database, UsersTable } from '../schema.js';
import { isUniqueViolation } from '../sql-errors.js';

export interface UsersRepo {
  insert(user: User): Promise<User>;
  get(id: string): Promise<User | null>;
  getByName(name: string): Promise<User | null>;
  list(): Promise<User[]>;
  /** The earliest-created user holding this role, or null. */
  firstWithRole(role: Role): Promise<User | null>;
}

export function toUser(row: UsersTable): User {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at };
}

export function usersRepo(db: Kysely<Database>): UsersRepo {
  const select = () => db.selectFrom('users').selectAll();
  return {
    async insert(user) {
      try {
        await db
          .insertInto('users')
          .values({ id: user.id, name: user.name, role: user.role, created_at: user.createdAt })
          .execute();
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw new ShopfloorError('USER_EXISTS', `A user named "${user.name}" exists already`, { name: user.name });
        }
        throw e;
      }
      return user;
    },
    async get(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toUser(row);
    },
    async getByName(name) {
      const row = await select().where('name', '=', name).executeTakeFirst();
      return row === undefined ? null : toUser(row);
    },
    async list() {
      const rows = await select().orderBy('created_at').orderBy('id').execute();
      return rows.map(toUser);
    },
    async firstWithRole(role) {
      const row = await select().where('role', '=', role).orderBy('created_at').orderBy('id').executeTakeFirst();
      return row === undefined ? null : toUser(row);
    },
  };
}
