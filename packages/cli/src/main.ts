// Entry point of the compiled CLI (bin/shopfloor.js and `npm run demo`): run the command line, exit with its code.
import { processIo } from './io.js';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), processIo());
// Exit explicitly: a library's idle handle must not keep a finished command alive.
process.exit(code);
