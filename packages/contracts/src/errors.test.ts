// docs/errors.md must list every code of the catalogue with its status, and nothing that is not in it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, ERROR_CODES, ShopfloorError } from './errors.js';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');

describe('error catalogue', () => {
  it('docs/errors.md lists every code with its HTTP status', () => {
    for (const code of ERROR_CODES) {
      expect(doc, code).toContain(`| \`${code}\` | ${ERROR_CATALOGUE[code].status} |`);
    }
  });

  it('docs/errors.md names no code the catalogue lacks', () => {
    const documented = [...doc.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((c) => !(ERROR_CODES as string[]).includes(c ?? ''))).toEqual([]);
  });

  it('a ShopfloorError carries the status of its code', () => {
    const e = new ShopfloorError('USE_CASE_NOT_FOUND', 'no use case "x"', { useCaseId: 'x' });
    expect(e.status).toBe(404);
    expect(e.details).toEqual({ useCaseId: 'x' });
  });
});
