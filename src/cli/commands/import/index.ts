import { loadConfig } from '../../../features/config.ts';
import { importAgentTrace } from '../../../features/interop/agent-trace.ts';
import { printJson, warn } from '../../../features/output.ts';
import { openRepo } from '../../../git/repo.ts';
import { defineCommand } from '../../command.ts';

interface ImportArgs {
  file: string;
  json?: boolean;
}

export const importCommand = defineCommand<ImportArgs>({
  command: 'import <file>',
  describe: 'attach Agent Trace records (e.g. .agent-trace/traces.jsonl) to the commits that added their lines, as notes',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', describe: 'Agent Trace records: JSON Lines, or a JSON array' })
      .option('json', { type: 'boolean', describe: 'print JSON: {records, commits, aiLines, humanLines, unplaced, warnings}' }),
  handler: async (argv) => {
    const repo = openRepo();
    const { config } = await loadConfig(repo);
    const outcome = await importAgentTrace(repo, config, argv.file);
    if (argv.json) {
      printJson(outcome);
      return;
    }
    for (const warning of outcome.warnings.slice(0, 20)) warn(warning);
    if (outcome.warnings.length > 20) warn(`… and ${outcome.warnings.length - 20} more warnings`);
    process.stdout.write(
      `imported ${outcome.records} record${outcome.records === 1 ? '' : 's'}: notes on ${outcome.commits.length} commit${outcome.commits.length === 1 ? '' : 's'}, ` +
        `${outcome.aiLines} AI and ${outcome.humanLines} human lines${outcome.unplaced ? `; ${outcome.unplaced} lines no commit added were left out` : ''}\n`,
    );
  },
});
