// Global options -> server Config, opening the facade in process, and who the CLI acts as.
import { resolve } from 'node:path';
import type { Role, User } from '@shopfloor/contracts';
import { ensureAdmin, loadConfig, openShopfloor, requireRole, type Config, type Shopfloor } from '@shopfloor/server';
import { CliError, EXIT } from './exit-codes.js';
import type { Io } from './io.js';

/** Options every command accepts (declared once on the program). */
export interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
  json?: boolean;
  verbose?: boolean;
  user?: string;
}

/**
 * The server's settings from SHOPFLOOR_* variables, then the command line on top:
 * --data-dir (else SHOPFLOOR_DATA_DIR, else ./shopfloor-data) and --database-url (else SHOPFLOOR_DATABASE_URL).
 */
export function configFrom(globals: GlobalOptions, io: Io, overrides: Partial<Config> = {}): Config {
  const config = loadConfig(io.env, io.cwd);
  return {
    ...config,
    ...(globals.dataDir === undefined ? {} : { dataDir: resolve(io.cwd, globals.dataDir) }),
    ...(globals.databaseUrl === undefined ? {} : { databaseUrl: globals.databaseUrl }),
    ...overrides,
  };
}

export interface Actor {
  user: User;
  /** The plaintext token when this run created the admin (shown once), else null. */
  newAdminToken: string | null;
}

/**
 * `--user NAME` acts as that user; otherwise as the local admin, created on first use. A newly
 * created admin's token exists only in this process, so it is always reported (on stderr unless the
 * caller prints it itself).
 */
export async function resolveActor(sf: Shopfloor, globals: GlobalOptions): Promise<Actor> {
  if (globals.user !== undefined) {
    const user = await sf.store.users.getByName(globals.user);
    if (user === null) {
      // Acting as someone unknown is an authentication failure (exit 5), not a missing resource.
      throw new CliError('USER_NOT_FOUND', `No user is named "${globals.user}" in ${sf.store.where}`, EXIT.auth, {
        name: globals.user,
      });
    }
    return { user, newAdminToken: null };
  }
  const admin = await ensureAdmin({ store: sf.store, clock: sf.clock });
  return { user: admin.user, newAdminToken: admin.token };
}

export function announceNewAdmin(io: Io, actor: Actor): void {
  if (actor.newAdminToken === null) return;
  io.err(
    `Created the local admin user "${actor.user.name}". Its API token is shown this once; keep it:\n` +
      `  ${actor.newAdminToken}\n`,
  );
}

/**
 * Opens the store named by the options (migrating it), checks that the actor holds `role` (the same
 * role the HTTP route needs, docs/api.md), runs `work` as the actor, and always closes.
 */
export async function withShopfloor<T>(
  globals: GlobalOptions,
  io: Io,
  role: Role,
  work: (sf: Shopfloor, actor: User) => Promise<T>,
): Promise<T> {
  const sf = await openShopfloor({ config: configFrom(globals, io) });
  try {
    const actor = await resolveActor(sf, globals);
    announceNewAdmin(io, actor);
    requireRole(actor.user, role);
    return await work(sf, actor.user);
  } finally {
    await sf.close();
  }
}
