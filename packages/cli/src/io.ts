// The CLI's view of its process (streams, TTY, cwd, environment, signals), injected so commands stay testable.

export interface Io {
  /** Results: the table, the CSV, or the one JSON document of `--json`. */
  out(text: string): void;
  /** Progress, notices and errors. */
  err(text: string): void;
  /** The stream progress bars draw on (stderr). */
  readonly progressStream: NodeJS.WritableStream;
  readonly progressIsTTY: boolean;
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
  /** Resolves with the signal name on the first SIGINT or SIGTERM. */
  waitForStop(): Promise<string>;
}

export function processIo(): Io {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    progressStream: process.stderr,
    progressIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
    waitForStop: () =>
      new Promise((resolve) => {
        const stop = (signal: string): void => {
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          // A second Ctrl-C while closing means "now": leave without waiting for the cleanup.
          process.once('SIGINT', () => process.exit(130));
          resolve(signal);
        };
        const onInt = (): void => stop('SIGINT');
        const onTerm = (): void => stop('SIGTERM');
        process.once('SIGINT', onInt);
        process.once('SIGTERM', onTerm);
      }),
  };
}

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** One line, for long-running commands whose stdout goes on with server log lines (also JSON). */
export function printJsonLine(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value)}\n`);
}
