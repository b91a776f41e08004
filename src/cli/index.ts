// `npm run cli -- <command>`: the process around runCli (src/cli/run.ts).
import { processIo } from './io.js';
import { runCli } from './run.js';

const code = await runCli(process.argv.slice(2), processIo());
// A store left open keeps the process alive; every command closes its own, so this only ends
// what a library might still hold (e.g. a pg pool's idle timer).
process.exitCode = code;
setTimeout(() => process.exit(code), 200).unref();
