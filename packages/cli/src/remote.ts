// Calling a running Shopfloor server over HTTP (for CI jobs): JSON in, JSON out, its error codes kept.
import { ERROR_CATALOGUE, ShopfloorError, type ErrorCode } from '@shopfloor/contracts';
import { CliError, EXIT } from './exit-codes.js';
import { usageError } from './option-values.js';

export interface Remote {
  url: string;
  token: string;
}

/** --url and --token (else SHOPFLOOR_URL / SHOPFLOOR_TOKEN); null when no URL is given (run in process). */
export function remoteFrom(options: { url?: string; token?: string }, env: Record<string, string | undefined>): Remote | null {
  const url = options.url ?? env.SHOPFLOOR_URL;
  if (url === undefined || url === '') return null;
  const token = options.token ?? env.SHOPFLOOR_TOKEN;
  if (token === undefined || token === '') throw usageError('--url needs --token (or SHOPFLOOR_TOKEN): the API token of a user with the role the command needs', { option: '--token' });
  if (!/^https?:\/\//.test(url)) throw usageError(`--url "${url}": expected http://host:port or https://...`, { option: '--url', value: url });
  return { url: url.replace(/\/+$/, ''), token };
}

/** POST (or GET without a body) to the API; a 4xx/5xx answer becomes the server's ShopfloorError, so exit codes match in-process runs. */
export async function callApi<T>(remote: Remote, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${remote.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${remote.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new CliError('SERVER_UNREACHABLE', `cannot reach ${remote.url}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`, EXIT.unexpected, { url: remote.url });
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new CliError('SERVER_ANSWER_INVALID', `${remote.url}${path} answered ${res.status} with something that is not JSON`, EXIT.unexpected, { status: res.status });
  }
  if (res.ok) return json as T;
  const error = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } }).error;
  if (error?.code !== undefined && error.code in ERROR_CATALOGUE) throw new ShopfloorError(error.code as ErrorCode, error.message ?? error.code, error.details ?? {});
  throw new CliError('SERVER_ERROR', `${remote.url}${path} answered ${res.status}: ${text.slice(0, 200)}`, EXIT.unexpected, { status: res.status });
}
