// The server package's version, read from its package.json (same relative place from src/ and dist/).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function serverVersion(): string {
  if (cached === undefined) {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    cached = (JSON.parse(text) as { version: string }).version;
  }
  return cached;
}
