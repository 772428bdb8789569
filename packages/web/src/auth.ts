// The API token: kept in localStorage, taken once from a `#token=...` link (the demo prints one).

const STORAGE_KEY = 'shopfloor.token';

/** Where the token lives; `localStorage` in the browser, a map in tests. */
export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readToken(store: TokenStore = localStorage): string | null {
  const token = store.getItem(STORAGE_KEY);
  return token !== null && token.trim() !== '' ? token : null;
}

export function saveToken(token: string, store: TokenStore = localStorage): void {
  store.setItem(STORAGE_KEY, token.trim());
}

export function clearToken(store: TokenStore = localStorage): void {
  store.removeItem(STORAGE_KEY);
}

/**
 * Splits a token out of a location hash. Accepts `#token=abc`, `#/use-cases/x?token=abc` and
 * `#/use-cases/x&token=abc`; returns the token and the hash that remains without it.
 */
export function splitTokenFromHash(hash: string): { token: string | null; hash: string } {
  const match = /(^#|[?&])token=([^&]*)/.exec(hash);
  if (match === null) return { token: null, hash };
  const token = decodeURIComponent(match[2] ?? '').trim();
  const separator = match[1];
  const before = hash.slice(0, match.index);
  const after = hash.slice(match.index + match[0].length);
  // `#token=a&b` keeps `#b`; `#/x?token=a&b` keeps `#/x?b`; `#/x&token=a` keeps `#/x`.
  let rest: string;
  if (separator === '#') rest = '#' + after.replace(/^&/, '');
  else if (separator === '?' && after.startsWith('&')) rest = before + '?' + after.slice(1);
  else rest = before + after;
  if (rest === '#' || rest === '#/') rest = '#/';
  return { token: token === '' ? null : token, hash: rest };
}

/** Takes a token from the current URL, stores it and removes it from the address bar and history. */
export function takeTokenFromLocation(): string | null {
  const { token, hash } = splitTokenFromHash(window.location.hash);
  if (token === null) return null;
  saveToken(token);
  const url = window.location.pathname + window.location.search + hash;
  window.history.replaceState(null, '', url);
  return token;
}
