// The `shopfloor` program: global options, every command, and how a run turns into an exit code.
import { Command, CommanderError } from 'commander';
import { registerDemo } from './commands/demo.js';
import { registerImport } from './commands/import.js';
import { registerLabels } from './commands/labels.js';
import { registerModels } from './commands/models.js';
import { registerPredict } from './commands/predict.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerTrain } from './commands/train.js';
import { registerUseCase } from './commands/use-case.js';
import { CliError, EXIT, errorReport, exitCodeFor, formatError } from './exit-codes.js';
import { registerGate } from './commands/gate.js';
import { registerSensors } from './commands/sensors.js';
import { registerTrust } from './commands/trust.js';
import { registerDeploy } from './commands/deploy.js';
import { registerMonitor } from './commands/monitor.js';
import { printJson, type Io } from './io.js';

const VERSION = '0.1.0';

export function createProgram(io: Io): Command {
  const program = new Command('shopfloor')
    .description('Shopfloor: applied machine learning for a plant, from sensor data to the decision on the line.')
    .version(VERSION, '--version', 'print the version')
    .option('--data-dir <dir>', 'where the embedded SQLite store lives (default SHOPFLOOR_DATA_DIR or ./shopfloor-data)')
    .option('--database-url <url>', 'postgres://... or sqlite:<file> (default SHOPFLOOR_DATABASE_URL)')
    .option('--user <name>', 'act as this user (default: the local admin, created on first use)')
    .option('--json', 'print one JSON document on stdout, for scripts')
    .option('--verbose', 'print error details and stack traces')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 unexpected, 2 usage, 3 input refused, 4 not found, 5 user or role.\n' +
        'Errors are printed as "error CODE: message" on stderr (codes: docs/errors.md).\n',
    );
  program.configureHelp({ showGlobalOptions: true, sortSubcommands: false });
  registerDemo(program, io);
  registerImport(program, io);
  registerUseCase(program, io);
  registerLabels(program, io);
  registerTrain(program, io);
  registerModels(program, io);
  registerGate(program, io);
  registerPredict(program, io);
  registerServe(program, io);
  registerToken(program, io);
  registerSensors(program, io);
  registerTrust(program, io);
  registerDeploy(program, io);
  registerMonitor(program, io);
  configureRecursively(program, io);
  return program;
}

/** Every command throws instead of exiting, and reports usage errors as `error USAGE: ...`. */
function configureRecursively(command: Command, io: Io): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => io.out(text),
    writeErr: (text) => io.err(text),
    outputError: (text, write) => write(text.replace(/^error: /, 'error USAGE: ')),
  });
  for (const sub of command.commands) configureRecursively(sub, io);
}

/** Runs one command line (without `node` and the script) and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version "errors" are successes; commander has printed its message already.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const globals = program.opts<{ json?: boolean; verbose?: boolean }>();
    if (globals.json === true && !(e instanceof CliError && e.resultPrinted)) printJson(io, { error: errorReport(e) });
    io.err(formatError(e, globals.verbose === true));
    return exitCodeFor(e);
  }
}
