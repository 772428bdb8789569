// Reading and writing the user's files, with errors that name the file (FILE_NOT_FOUND exit 4, FILE_UNREADABLE exit 3).
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT } from './exit-codes.js';

function fileError(path: string, e: unknown, verb: string): CliError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' && verb === 'read') {
    return new CliError('FILE_NOT_FOUND', `${path}: no such file`, EXIT.notFound, { file: path });
  }
  const why = code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  return new CliError('FILE_UNREADABLE', `${path}: cannot ${verb} it (${why})`, EXIT.input, { file: path });
}

export async function readUserFile(cwd: string, path: string): Promise<Uint8Array> {
  try {
    return await readFile(resolve(cwd, path));
  } catch (e) {
    throw fileError(path, e, 'read');
  }
}

export async function readJsonFile(cwd: string, path: string): Promise<unknown> {
  const text = Buffer.from(await readUserFile(cwd, path)).toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError('FILE_UNREADABLE', `${path}: not valid JSON (${(e as Error).message})`, EXIT.input, { file: path });
  }
}

/** Writes next to the target and renames, so an interrupted run never leaves half a file under the real name. */
export async function writeUserFile(cwd: string, path: string, text: string): Promise<void> {
  const target = resolve(cwd, path);
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  try {
    await writeFile(partial, text, 'utf8');
    await rename(partial, target);
  } catch (e) {
    throw fileError(path, e, 'write');
  }
}
