// What a command module is. Kept apart from main.ts, which imports every command: a command
// that imported main.ts for this helper would close an import cycle.

import type { Argv, CommandModule } from 'yargs';

export interface GlobalOptions {
  C?: string;
}

export type Command = CommandModule<GlobalOptions, any>;

/** A command module whose handler sees its own typed arguments. */
export function defineCommand<Args>(module: {
  command: string;
  describe: string;
  builder: (yargs: Argv<GlobalOptions>) => Argv<any>;
  handler: (argv: Args) => void | Promise<void>;
}): Command {
  return module as unknown as Command;
}
