// Exit codes and error lines: what a script sees when a command fails.
import { describe, expect, it } from 'vitest';
import { ShopfloorError } from '@shopfloor/contracts';
import { CliError, EXIT, exitCodeFor, formatError } from './exit-codes.js';

describe('exit codes', () => {
  it('maps refused input to 3, not-found to 4 and auth to 5', () => {
    expect(exitCodeFor(new ShopfloorError('DATASET_RAGGED_ROW', 'x'))).toBe(EXIT.input);
    expect(exitCodeFor(new ShopfloorError('DATASET_CELL_INVALID', 'x'))).toBe(EXIT.input);
    expect(exitCodeFor(new ShopfloorError('USE_CASE_EXISTS', 'x'))).toBe(EXIT.input);
    expect(exitCodeFor(new ShopfloorError('USE_CASE_NOT_FOUND', 'x'))).toBe(EXIT.notFound);
    expect(exitCodeFor(new ShopfloorError('AUTH_ROLE_TOO_WEAK', 'x'))).toBe(EXIT.auth);
    expect(exitCodeFor(new ShopfloorError('AUTH_TOKEN_INVALID', 'x'))).toBe(EXIT.auth);
  });

  it('treats server failures and plain errors as unexpected, bad settings as usage', () => {
    expect(exitCodeFor(new ShopfloorError('MODEL_ARTIFACT_CORRUPT', 'x'))).toBe(EXIT.unexpected);
    expect(exitCodeFor(new Error('boom'))).toBe(EXIT.unexpected);
    expect(exitCodeFor(new ShopfloorError('CONFIG_INVALID', 'x'))).toBe(EXIT.usage);
    expect(exitCodeFor(new CliError('FILE_NOT_FOUND', 'x', EXIT.notFound))).toBe(EXIT.notFound);
  });

  it('prints one line without a stack unless verbose', () => {
    const e = new ShopfloorError('DATASET_RAGGED_ROW', 'bad.csv line 3: 2 fields, the header has 14', { line: 3 });
    expect(formatError(e, false)).toBe('error DATASET_RAGGED_ROW: bad.csv line 3: 2 fields, the header has 14\n');
    const verbose = formatError(e, true);
    expect(verbose).toContain('"line": 3');
    expect(verbose).toContain('at ');
    expect(formatError(new TypeError('x is undefined'), false)).toBe('error INTERNAL_ERROR: x is undefined\n');
  });
});
