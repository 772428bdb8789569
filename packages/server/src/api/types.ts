// The app's types: its injected dependencies, the instance type route files receive, and Fastify augmentations.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Role, User } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Repositories, Store } from '../store/index.js';

export interface AppDeps {
  store: Store;
  clock: Clock;
  config: Config;
  /** A pino logger; by default one is made at `config.logLevel` ('silent' in tests). */
  logger?: FastifyBaseLogger;
}

/** What every route file receives: routes declare zod schemas and get typed bodies, params and replies. */
export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Who may call a route: a role (or higher), or 'public' for no token at all. */
export type RouteAccess = Role | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: the minimum role, or 'public'. Checked before the body is read. */
    access?: RouteAccess;
    /**
     * Mutating routes (POST/PUT/PATCH/DELETE) are audited; set false for one that changes nothing
     * (for example predict), so it does not write a row per call.
     */
    audit?: boolean;
  }
  interface FastifyInstance {
    store: Store;
    clock: Clock;
    config: Config;
  }
  interface FastifyRequest {
    /** The authenticated user; null on public routes. */
    user: User | null;
    /** True once the handler recorded its own audit entry. */
    audited: boolean;
    /**
     * Records who did what in the audit log. Pass the transaction's repositories to keep the entry
     * with the change it describes.
     */
    audit(action: string, subject: string, details?: Record<string, unknown>, repos?: Repositories): Promise<void>;
    /** The authenticated user; throws AUTH_TOKEN_MISSING if the route is public (a programming error). */
    requireUser(): User;
  }
}
