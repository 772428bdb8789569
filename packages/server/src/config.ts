// Server settings read once from the environment; every bad value is CONFIG_INVALID naming its variable.
import { resolve } from 'node:path';
import { ShopfloorError } from '@shopfloor/contracts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** `postgres://...` or `sqlite:<path>`; undefined means SQLite at `<dataDir>/shopfloor.db`. */
  databaseUrl: string | undefined;
  /** Absolute path. */
  dataDir: string;
  host: string;
  port: number;
  /** IANA zone used to read timestamps that carry no offset. */
  timeZone: string;
  logLevel: LogLevel;
  /** Directory of the built web UI to serve at `/`; undefined serves the API only. */
  webDist: string | undefined;
  /** Largest accepted request body (dataset uploads are the big ones). */
  bodyLimitBytes: number;
  /** How many of a new champion's most critical sensors get a companion model after training (0 = none); 2 when unset. */
  companionSensors?: number;
}

export type Env = Record<string, string | undefined>;

function invalid(variable: string, value: string, expected: string): ShopfloorError {
  return new ShopfloorError('CONFIG_INVALID', `${variable}="${value}" is invalid: expected ${expected}`, {
    variable,
    value,
  });
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integerIn(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(name, raw, `an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads SHOPFLOOR_DATABASE_URL, SHOPFLOOR_DATA_DIR (./shopfloor-data), SHOPFLOOR_HOST (127.0.0.1),
 * SHOPFLOOR_PORT (8080), SHOPFLOOR_TIME_ZONE (the system zone), SHOPFLOOR_LOG_LEVEL (info),
 * SHOPFLOOR_WEB_DIST (none) and SHOPFLOOR_BODY_LIMIT_MB (100) and SHOPFLOOR_COMPANION_SENSORS (2). Relative paths resolve against `cwd`.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const timeZone = nonEmpty(env, 'SHOPFLOOR_TIME_ZONE') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!isTimeZone(timeZone)) throw invalid('SHOPFLOOR_TIME_ZONE', timeZone, 'an IANA time zone such as Europe/Berlin');
  const logLevel = nonEmpty(env, 'SHOPFLOOR_LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw invalid('SHOPFLOOR_LOG_LEVEL', logLevel, `one of ${LOG_LEVELS.join(', ')}`);
  }
  const webDist = nonEmpty(env, 'SHOPFLOOR_WEB_DIST');
  return {
    databaseUrl: nonEmpty(env, 'SHOPFLOOR_DATABASE_URL'),
    dataDir: resolve(cwd, nonEmpty(env, 'SHOPFLOOR_DATA_DIR') ?? './shopfloor-data'),
    host: nonEmpty(env, 'SHOPFLOOR_HOST') ?? '127.0.0.1',
    port: integerIn(env, 'SHOPFLOOR_PORT', 8080, 0, 65535),
    timeZone,
    logLevel: logLevel as LogLevel,
    webDist: webDist === undefined ? undefined : resolve(cwd, webDist),
    bodyLimitBytes: integerIn(env, 'SHOPFLOOR_BODY_LIMIT_MB', 100, 1, 4096) * 1024 * 1024,
    ...(nonEmpty(env, 'SHOPFLOOR_COMPANION_SENSORS') === undefined ? {} : { companionSensors: integerIn(env, 'SHOPFLOOR_COMPANION_SENSORS', 2, 0, 20) }),
  };
}
