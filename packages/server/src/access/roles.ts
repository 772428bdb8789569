// Roles form one ladder, viewer < operator < engineer < admin: a role may do everything below it.
import { ROLES, ShopfloorError, type Role, type User } from '@shopfloor/contracts';

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function hasRole(user: Pick<User, 'role'>, needed: Role): boolean {
  return roleRank(user.role) >= roleRank(needed);
}

/** Throws AUTH_ROLE_TOO_WEAK (403) unless the user holds `needed` or a higher role. */
export function requireRole(user: User, needed: Role): void {
  if (!hasRole(user, needed)) {
    throw new ShopfloorError(
      'AUTH_ROLE_TOO_WEAK',
      `User "${user.name}" is ${user.role}; this needs ${needed} or higher`,
      { user: user.name, role: user.role, needed },
    );
  }
}
