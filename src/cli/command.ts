// What a command module is. Kept apart from main.ts, which imports every command: a command
// that imported main.ts for this helper would close an import cycle.

import type { Argv, CommandModule } from 'yargs';

export interface GlobalOptions {
  C?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: yargs keeps one list of commands, each with its own argument type.
export type Command = CommandModule<GlobalOptions, any>;

/** A command module whose handler sees its own typed arguments. */
export function defineCommand<Args>(module: {
  command: string;
  describe: string;
  // biome-ignore lint/suspicious/noExplicitAny: the builder's result type is what yargs infers, not what the handler declares.
  builder: (yargs: Argv<GlobalOptions>) => Argv<any>;
  handler: (argv: Args) => void | Promise<void>;
}): Command {
  return module as unknown as Command;
}
