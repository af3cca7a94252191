import { loadConfig } from '../../../features/config.ts';
import { recordCommit } from '../../../features/records/index.ts';
import { openRepo } from '../../../git/repo.ts';
import { defineCommand } from '../../command.ts';
import { printJson, warn } from '../../../features/output.ts';
import { shortId } from '../../../model/display.ts';

interface RecordArgs {
  rev: string;
  level: string;
  explain?: string;
  tool?: string;
  model?: string;
  json?: boolean;
}

export const recordCommand = defineCommand<RecordArgs>({
  command: 'record [rev]',
  describe: "write or update a commit's provenance note (history is not rewritten)",
  builder: (yargs) =>
    yargs
      .positional('rev', { type: 'string', default: 'HEAD', describe: 'the commit to record' })
      .option('level', { type: 'string', demandOption: true, requiresArg: true, describe: 'AI-assistance level (see `config`)' })
      .option('explain', { type: 'string', requiresArg: true, describe: 'one line: how the change fits the design' })
      .option('tool', { type: 'string', requiresArg: true, describe: 'the AI tool, e.g. claude-code' })
      .option('model', { type: 'string', requiresArg: true, describe: 'the model, e.g. claude-opus-4-7' })
      .option('json', { type: 'boolean', describe: 'print the written note as JSON' })
      .example('$0 record --level generated --explain "Adds the retry helper beside the HTTP client" --tool claude-code', ''),
  handler: async (argv) => {
    const repo = openRepo();
    const { config } = await loadConfig(repo);
    const result = recordCommit(repo, config, argv.rev, {
      level: argv.level,
      explanation: argv.explain,
      tool: argv.tool,
      model: argv.model,
      recordedBy: 'cli',
    });
    for (const warning of result.warnings) warn(warning);
    if (argv.json) printJson({ commit: result.commit, ...result.note });
    else process.stdout.write(`recorded ${result.note.level} for ${shortId(result.commit)}\n`);
  },
});
