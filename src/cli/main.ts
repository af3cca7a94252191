// The yargs program: global options, the command list, and error handling that turns every
// failure into one line and a documented exit code (README, "Exit codes").

import yargs, { type Argv } from 'yargs';
import pkg from '../../package.json' with { type: 'json' };
import { ExitCode, UsageError } from '../model/errors.ts';
import { PROGRAM } from '../model/display.ts';
import { reportError } from '../features/output.ts';
import type { GlobalOptions } from './command.ts';
import { commands } from './commands/index.ts';

function buildParser(args: string[]): Argv<GlobalOptions> {
  let parser = yargs(args)
    .scriptName(PROGRAM)
    .usage(`${PROGRAM} <command> [options]\n\nRecord, guard and report AI assistance in a git repository.`)
    .option('C', { type: 'string', describe: 'run as if started in this directory (like git -C)', global: true, requiresArg: true })
    .middleware((argv) => {
      if (!argv.C) return;
      try {
        process.chdir(argv.C);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'is not a directory' : (error as Error).message;
        throw new UsageError(`-C ${argv.C}: ${reason}`, 'give -C a directory that exists');
      }
    })
    .strict()
    .demandCommand(1, 'name a command (see --help)')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(pkg.version)
    .wrap(Math.min(100, process.stdout.columns || 80))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs' own parse errors (e.g. an option without its value) are usage errors; anything
      // else was thrown by a command and keeps its own meaning.
      if (error && error.name !== 'YError') throw error;
      const text = (message ?? error?.message ?? '').replace(/\s*\n\s*/g, ' ');
      // recommendCommands says only "Did you mean X?": name what was typed.
      if (/^Did you mean /.test(text)) throw new UsageError(`unknown command "${args[0]}"; ${text.replace(/^Did/, 'did')}`, `see \`${PROGRAM} --help\``);
      throw new UsageError(text, `see \`${PROGRAM} --help\``);
    });
  for (const command of commands) parser = parser.command(command);
  return parser as Argv<GlobalOptions>;
}

export async function runCli(args: string[]): Promise<number> {
  try {
    await buildParser(args).parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    return reportError(error);
  }
}
