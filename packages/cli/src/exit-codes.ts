// Exit codes and the one-line error report: how a failure leaves the CLI (`error CODE: message`, never a stack).
import { ERROR_CATALOGUE, ShopfloorError, type ErrorCode } from '@shopfloor/contracts';

export const EXIT = {
  ok: 0,
  /** A bug or an environment failure (database down, disk full): not the user's input. */
  unexpected: 1,
  /** Wrong command line: unknown option, missing argument, bad option value. */
  usage: 2,
  /** The input was read and refused (4xx-like ShopfloorError: bad CSV, invalid use case, ...). */
  input: 3,
  notFound: 4,
  /** Unknown user, missing or too weak role. */
  auth: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI itself detects, with a code that is not in the server's catalogue (USAGE, FILE_UNREADABLE...). */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** Set when the command printed its result already (a failed gate): --json then adds no error document. */
  resultPrinted = false;
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** ShopfloorError by class, or by shape when two copies of @shopfloor/contracts are loaded. */
function asShopfloorError(e: unknown): ShopfloorError | null {
  if (e instanceof ShopfloorError) return e;
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && e.code in ERROR_CATALOGUE) {
    return e as ShopfloorError;
  }
  return null;
}

export function exitCodeForStatus(code: ErrorCode, status: number): ExitCode {
  // A bad setting is fixed on the command line or in the environment, like a usage error.
  if (code === 'CONFIG_INVALID') return EXIT.usage;
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status >= 400 && status < 500) return EXIT.input;
  return EXIT.unexpected;
}

export function exitCodeFor(e: unknown): ExitCode {
  if (e instanceof CliError) return e.exitCode;
  const known = asShopfloorError(e);
  if (known !== null) return exitCodeForStatus(known.code, ERROR_CATALOGUE[known.code].status);
  return EXIT.unexpected;
}

export interface ErrorReport {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** The code, message and details of any thrown value; unexpected ones become INTERNAL_ERROR. */
export function errorReport(e: unknown): ErrorReport {
  if (e instanceof CliError) return { code: e.code, message: e.message, details: e.details };
  const known = asShopfloorError(e);
  if (known !== null) return { code: known.code, message: known.message, details: known.details ?? {} };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL_ERROR', message: message === '' ? 'unexpected failure' : message, details: {} };
}

/** `error CODE: message`, plus the details and the stack when verbose. */
export function formatError(e: unknown, verbose: boolean): string {
  const report = errorReport(e);
  let text = `error ${report.code}: ${report.message}\n`;
  if (verbose) {
    if (Object.keys(report.details).length > 0) text += `details: ${JSON.stringify(report.details, null, 2)}\n`;
    if (e instanceof Error && e.stack !== undefined) text += `${e.stack}\n`;
    if (e instanceof Error && e.cause !== undefined) text += `cause: ${String((e.cause as Error)?.stack ?? e.cause)}\n`;
  }
  return text;
}
