import { stringify } from 'yaml';
import { loadConfig } from '../../../features/config.ts';
import { openRepo } from '../../../git/repo.ts';
import { defineCommand } from '../../command.ts';
import { printJson } from '../../../features/output.ts';

export const configCommand = defineCommand<{ json?: boolean }>({
  command: 'config',
  describe: 'print the effective configuration (.provenance.yml merged over the defaults)',
  builder: (yargs) => yargs.option('json', { type: 'boolean', describe: 'print JSON' }),
  handler: async (argv) => {
    const repo = openRepo();
    const { config, file } = await loadConfig(repo);
    if (argv.json) {
      printJson({ file, config });
      return;
    }
    process.stdout.write(`# ${file ? `from ${file}` : 'defaults (no .provenance.yml)'}\n${stringify(config)}`);
  },
});
