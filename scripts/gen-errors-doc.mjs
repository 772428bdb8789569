// Writes docs/errors.md from the built error catalogue (run after `npm run build`: node scripts/gen-errors-doc.mjs).
import { writeFileSync } from 'node:fs';
import { ERROR_CATALOGUE, ERROR_CODES } from '../packages/contracts/dist/errors.js';

const lines = [
  '# Error codes',
  '',
  'Every error answers `{ "error": { "code", "message", "details" } }`. Codes are stable: scripts may rely on them.',
  'Generated from `packages/contracts/src/errors.ts` by `node scripts/gen-errors-doc.mjs`; a test checks it is complete.',
  '',
  '| code | HTTP status | meaning |',
  '|---|---|---|',
  ...ERROR_CODES.map((c) => `| \`${c}\` | ${ERROR_CATALOGUE[c].status} | ${ERROR_CATALOGUE[c].description} |`),
  '',
];
writeFileSync(new URL('../docs/errors.md', import.meta.url), lines.join('\n'));
