// Where the installed packages keep the web build and the bundled data: found through module resolution, never the cwd.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CliError, EXIT } from './exit-codes.js';

const require = createRequire(import.meta.url);

/**
 * The directory of an installed package. @shopfloor/web exports its package.json; @shopfloor/server
 * exports only its entry, so we resolve that and walk up to the package.json that names it.
 */
export function packageRoot(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    let dir = dirname(require.resolve(name));
    while (dirname(dir) !== dir) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
      dir = dirname(dir);
    }
    throw new Error(`cannot find the package.json of ${name}`);
  }
}

/** The built UI (index.html + assets), or a clear error when the web package was not built. */
export function webDistDir(): string {
  const dir = join(packageRoot('@shopfloor/web'), 'dist');
  if (!existsSync(join(dir, 'index.html'))) {
    throw new CliError('WEB_UI_NOT_BUILT', `The web UI is not built (${dir} has no index.html): run npm run build`, EXIT.unexpected, {
      dir,
    });
  }
  return dir;
}

/** The AI4I 2020 CSV shipped with @shopfloor/server (see its data/ai4i2020/SOURCE.md). */
export function bundledAi4iCsv(): string {
  const file = join(packageRoot('@shopfloor/server'), 'data', 'ai4i2020', 'ai4i2020.csv');
  if (!existsSync(file)) {
    throw new CliError('DEMO_DATA_MISSING', `The bundled AI4I 2020 data is missing (${file}); reinstall Shopfloor`, EXIT.unexpected, { file });
  }
  return file;
}
