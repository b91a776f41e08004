// One definition per command: its name, one line for the overall help, its own help, its flags
// and what it does. run.ts loops over the list; nobody parses arguments twice.
import type { FlagSpecs, ParsedArgs } from './args.js';
import type { Style } from './format.js';
import type { CliIo } from './io.js';

export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** The synopsis, e.g. `import-roster <file.csv> [--dry-run]`. */
  usage: string;
  /** Everything after the synopsis in `<command> --help`: what it does, options, examples. */
  help: string;
  flags: FlagSpecs;
  run(args: ParsedArgs, io: CliIo, style: Style): Promise<number>;
}

/** Writes a line to stdout. */
export const say = (io: CliIo, text = ''): void => {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};
