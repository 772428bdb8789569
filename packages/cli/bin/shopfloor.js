#!/usr/bin/env node
// The `shopfloor` command: runs the compiled CLI in ../dist, or says how to build it when it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write(
    `shopfloor: the CLI is not built (${compiled} is missing).\n` +
      'Run `npm run build` in the Shopfloor checkout (npm install runs it too), then try again.\n',
  );
  process.exit(1);
}
await import('../dist/main.js');
