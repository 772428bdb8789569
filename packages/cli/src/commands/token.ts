// `shopfloor token create --user NAME`: a new API token for a named user (created with --role if missing), shown once.
import type { Command } from 'commander';
import { ROLES, ShopfloorError, type Role, type User } from '@shopfloor/contracts';
import { createToken, createUser, ensureAdmin, newId, openShopfloor, type Shopfloor } from '@shopfloor/server';
import { configFrom, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { usageError } from '../option-values.js';

interface TokenOptions {
  name: string;
  role?: string;
}

interface Minted {
  id: string;
  user: User;
  name: string;
  token: string;
  userCreated: boolean;
}

function parseRole(role: string | undefined): Role | undefined {
  if (role === undefined) return undefined;
  if (!(ROLES as readonly string[]).includes(role)) throw usageError(`--role "${role}": expected one of ${ROLES.join(', ')}`, { option: '--role' });
  return role as Role;
}

/** User lookup (or creation), token and audit entry in one transaction: no user without its token. */
async function mint(sf: Shopfloor, userName: string, role: Role | undefined, label: string): Promise<Minted> {
  const clock = sf.clock;
  return sf.store.transaction(async (tx) => {
    let user = await tx.users.getByName(userName);
    const userCreated = user === null;
    if (user === null) {
      if (role === undefined) {
        throw new ShopfloorError('USER_NOT_FOUND', `No user is named "${userName}" in ${sf.store.where}; add --role (${ROLES.join(', ')}) to create one`, {
          name: userName,
        });
      }
      user = await createUser({ store: tx, clock }, { name: userName, role });
    }
    const created = await createToken({ store: tx, clock }, { userId: user.id, name: label });
    await tx.audit.append({
      id: newId('aud'),
      at: clock.now().toISOString(),
      userId: null,
      action: 'token.create',
      subject: `user:${user.id}`,
      details: { via: 'cli', tokenId: created.id, name: label, userCreated },
    });
    return { id: created.id, user, name: label, token: created.token, userCreated };
  });
}

export function registerToken(program: Command, io: Io): void {
  const group = program.command('token').description('API tokens: 256-bit, stored only as SHA-256, shown once.');
  group
    .command('create')
    .description(
      'Print a new API token for the user named by the global --user (default: the local admin). ' +
        'With --role, a missing user is created with that role. Example: shopfloor token create --user admin',
    )
    .option('--name <label>', 'what the token is for, e.g. "line-3 tablet"', 'cli')
    .option('--role <role>', `create the user with this role if missing (${ROLES.join(', ')})`)
    .action(async (options: TokenOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const role = parseRole(options.role);
      const sf = await openShopfloor({ config: configFrom(globals, io) });
      let minted: Minted;
      try {
        const userName = globals.user ?? (await ensureAdmin({ store: sf.store, clock: sf.clock })).user.name;
        minted = await mint(sf, userName, role, options.name);
      } finally {
        await sf.close();
      }
      if (globals.json === true) {
        printJson(io, { id: minted.id, userId: minted.user.id, userName: minted.user.name, role: minted.user.role, name: minted.name, token: minted.token, userCreated: minted.userCreated });
        return;
      }
      io.out(
        `${minted.userCreated ? `Created user "${minted.user.name}" (${minted.user.role}). ` : ''}` +
          `New API token "${minted.name}" for ${minted.user.name} (${minted.user.role}), shown only now; keep it:\n` +
          `  ${minted.token}\n` +
          `Use it as "Authorization: Bearer <token>", or sign in to a running server at <url>/#token=<token>.\n`,
      );
    });
}
