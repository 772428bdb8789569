// Access: users with roles and the API tokens that authenticate them.
export { hasRole, requireRole, roleRank } from './roles.js';
export {
  authenticate,
  createToken,
  generateToken,
  hashToken,
  revokeToken,
  type AccessDeps,
  type CreatedToken,
} from './tokens.js';
export { createUser, ensureAdmin, type EnsuredAdmin } from './users.js';
export { createTokenCache, DEFAULT_TOKEN_TTL_MS, type TokenCache, type TokenCacheOptions } from './token-cache.js';
