// Taking the token from a `#token=...` link and keeping it in storage.
import { describe, expect, it } from 'vitest';
import { clearToken, readToken, saveToken, splitTokenFromHash, type TokenStore } from './auth.js';

function memoryStore(): TokenStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('splitTokenFromHash', () => {
  it('takes the token the demo link carries and leaves the home route', () => {
    expect(splitTokenFromHash('#token=abc123')).toEqual({ token: 'abc123', hash: '#/' });
  });

  it('keeps the page route when the token rides after it', () => {
    expect(splitTokenFromHash('#/use-cases/ai4i?token=t0k')).toEqual({ token: 't0k', hash: '#/use-cases/ai4i' });
    expect(splitTokenFromHash('#/use-cases/ai4i&token=t0k')).toEqual({ token: 't0k', hash: '#/use-cases/ai4i' });
    expect(splitTokenFromHash('#/x?token=t0k&tab=2')).toEqual({ token: 't0k', hash: '#/x?tab=2' });
  });

  it('decodes an escaped token', () => {
    expect(splitTokenFromHash('#token=a%2Bb')).toEqual({ token: 'a+b', hash: '#/' });
  });

  it('leaves a hash without a token alone', () => {
    expect(splitTokenFromHash('#/use-cases/ai4i')).toEqual({ token: null, hash: '#/use-cases/ai4i' });
    expect(splitTokenFromHash('')).toEqual({ token: null, hash: '' });
  });

  it('treats an empty token as none but still removes it from the URL', () => {
    expect(splitTokenFromHash('#token=')).toEqual({ token: null, hash: '#/' });
  });
});

describe('token storage', () => {
  it('stores a trimmed token, reads it back and forgets it', () => {
    const store = memoryStore();
    expect(readToken(store)).toBeNull();
    saveToken('  abc \n', store);
    expect(readToken(store)).toBe('abc');
    clearToken(store);
    expect(readToken(store)).toBeNull();
  });
});
