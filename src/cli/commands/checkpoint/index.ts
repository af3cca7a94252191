import { runCheckpoint } from '../../checkpoint.ts';
import { defineCommand } from '../../command.ts';

// Run by coding agents' hooks (src/main.ts dispatches it before yargs); listed here for --help.
export const checkpointCommand = defineCommand<Record<string, never>>({
  command: 'checkpoint',
  describe: "record which lines a coding agent writes (run by the agents' hooks that `install --agents` adds; reads their JSON on stdin, always exits 0)",
  builder: (yargs) => yargs.example('$0 install --agents', 'adds the hooks that run it'),
  handler: () => {
    process.exitCode = runCheckpoint();
  },
});
