// The code version recorded with every model: the server package version, plus the git commit when run from a checkout.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/server, from src/learn or dist/learn alike. */
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

function packageVersion(): string {
  const text = readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** The .git directory of the checkout holding dir (following a worktree's `gitdir:` file), or null. */
function gitDir(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, '.git');
    if (existsSync(candidate)) {
      if (statSync(candidate).isDirectory()) return candidate;
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(candidate, 'utf8'))?.[1]?.trim();
      return pointer === undefined ? null : resolve(dir, pointer);
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** HEAD's commit read from the files git keeps (no git process): loose ref, then packed-refs. */
export function gitCommit(start: string = PACKAGE_DIR): string | null {
  // An installed package may sit inside someone else's repository: its commit would name the wrong code.
  if (resolve(start).split(/[\\/]/).includes('node_modules')) return null;
  try {
    const git = gitDir(start);
    if (git === null) return null;
    const head = readFileSync(join(git, 'HEAD'), 'utf8').trim();
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (ref === undefined) return /^[0-9a-f]{40}$/.test(head) ? head : null;
    const loose = join(git, ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
    const commonDir = existsSync(join(git, 'commondir')) ? resolve(git, readFileSync(join(git, 'commondir'), 'utf8').trim()) : git;
    const looseCommon = join(commonDir, ref);
    if (existsSync(looseCommon)) return readFileSync(looseCommon, 'utf8').trim();
    const packed = join(commonDir, 'packed-refs');
    if (!existsSync(packed)) return null;
    const line = readFileSync(packed, 'utf8').split('\n').find((l) => l.endsWith(` ${ref}`));
    return line?.split(' ')[0] ?? null;
  } catch {
    return null; // a half-written or unusual .git must not stop training; the package version still names the code
  }
}

/** "0.1.0+3f2a9c1d0b7e" from a checkout, "0.1.0" from an installed package. */
export function codeVersion(): string {
  const commit = gitCommit();
  return commit === null ? packageVersion() : `${packageVersion()}+${commit.slice(0, 12)}`;
}
