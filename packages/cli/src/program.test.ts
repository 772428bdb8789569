// The command line itself: help, usage errors and missing files give the documented exit codes and lines.
import { describe, expect, it } from 'vitest';
import type { Io } from './io.js';
import { runCli } from './program.js';

function fakeIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    progressStream: process.stderr,
    progressIsTTY: false,
    cwd: process.cwd(),
    env: {},
    waitForStop: () => new Promise(() => undefined),
  };
}

describe('shopfloor command line', () => {
  it('prints help for every command with exit code 0', async () => {
    for (const argv of [['--help'], ['import', '--help'], ['use-case', 'create', '--help'], ['train', '--help'], ['models', '--help'], ['predict', '--help'], ['serve', '--help'], ['demo', '--help'], ['token', 'create', '--help']]) {
      const io = fakeIo();
      expect(await runCli(argv, io), argv.join(' ')).toBe(0);
      expect(io.stdout.join(''), argv.join(' ')).toMatch(/^Usage: shopfloor/);
    }
  });

  it('lists the global options in a command\'s help', async () => {
    const io = fakeIo();
    await runCli(['demo', '--help'], io);
    expect(io.stdout.join('')).toContain('--data-dir <dir>');
    expect(io.stdout.join('')).toContain('--port <port>');
  });

  it('answers an unknown option or a missing argument with exit 2 and error USAGE', async () => {
    let io = fakeIo();
    expect(await runCli(['train', 'machine-failure', '--bogus'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/^error USAGE: unknown option '--bogus'/);
    io = fakeIo();
    expect(await runCli(['import', 'x.csv'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/^error USAGE: required option '--name <name>' not specified/);
    io = fakeIo();
    expect(await runCli(['predict', 'machine-failure', '--input', 'rows.csv', '--explain', '--top', 'many'], io)).toBe(2);
    expect(io.stderr.join('')).toBe('error USAGE: --top "many": expected an integer from 1 to 100\n');
  });

  it('answers a file that does not exist with exit 4 before opening any store', async () => {
    const io = fakeIo();
    expect(await runCli(['--json', 'import', 'no-such-file.csv', '--name', 'x'], io)).toBe(4);
    expect(io.stderr.join('')).toBe('error FILE_NOT_FOUND: no-such-file.csv: no such file\n');
    expect(JSON.parse(io.stdout.join(''))).toEqual({ error: { code: 'FILE_NOT_FOUND', message: 'no-such-file.csv: no such file', details: { file: 'no-such-file.csv' } } });
  });
});
