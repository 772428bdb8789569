// The champion alias of each use case as serving reads it: cached, re-read at most once a second, forgotten when this process moves it.
import type { Repositories } from '../store/index.js';
import { createTtlCache } from '../ttl-cache.js';
import { championId } from './read.js';

export interface ChampionAliases {
  /** The champion's version id; MODEL_NO_CHAMPION (never cached) when the use case has none yet. */
  get(useCaseId: string): Promise<string>;
  /** This process moved the alias: the next request reads it again. */
  forget(useCaseId: string): void;
}

/** How long a read champion serves requests before it is read again (a move made by another process). */
export const CHAMPION_TTL_MS = 1000;

/**
 * One indexed query per use case and second instead of one per request. A read in flight is shared by
 * the requests that arrive meanwhile; `forget` drops it too, so a request after a move never gets the
 * champion read before it.
 */
export function createChampionAliases(repos: Repositories, now: () => number = () => performance.now(), ttlMs = CHAMPION_TTL_MS): ChampionAliases {
  return createTtlCache((useCaseId) => championId(repos, useCaseId), ttlMs, now);
}
