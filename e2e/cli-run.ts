// Running the built `shopfloor` CLI as a user does, for the e2e tests: a child process, its exit code and output.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/bin/shopfloor.js');
export const AI4I_CSV = join(ROOT, 'packages/server/data/ai4i2020/ai4i2020.csv');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Throws when the CLI is not built (the e2e tests run dist/, as a user would). */
export function requireBuiltCli(): void {
  if (!existsSync(join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('packages/cli/dist is missing: run npm run build first');
}

/** The environment without SHOPFLOOR_* settings (so a test runs on its own SQLite store whatever the shell says), plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SHOPFLOOR_')) env[key] = value;
  return { ...env, ...extra };
}

/** `shopfloor ...args` in `cwd`; resolves when it exits. */
export function shopfloor(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
