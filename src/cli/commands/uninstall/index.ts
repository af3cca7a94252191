import { planAgentUnhooks } from '../../../features/install/agent-hooks.ts';
import { applyChanges, planUninstall } from '../../../features/install/index.ts';
import { NOTES_REF } from '../../../git/notes.ts';
import { openRepo } from '../../../git/repo.ts';
import { defineCommand } from '../../command.ts';
import { PROGRAM } from '../../../model/display.ts';
import { warn } from '../../../features/output.ts';

interface UninstallArgs {
  dryRun?: boolean;
  agents?: boolean;
}

export const uninstallCommand = defineCommand<UninstallArgs>({
  command: 'uninstall',
  describe: 'remove the hooks and the git config that install added (notes are kept)',
  builder: (yargs) =>
    yargs
      .option('dry-run', { type: 'boolean', describe: 'show what would change, change nothing' })
      .option('agents', { type: 'boolean', describe: "remove only the coding agents' hook entries that `install --agents` added (the git hooks stay)" }),
  handler: (argv) => {
    const repo = openRepo();
    if (argv.agents) {
      const changes = planAgentUnhooks(repo);
      if (!changes.length) process.stdout.write(`${PROGRAM}: no agent hooks of ours here: nothing to remove\n`);
      else applyChanges(`${PROGRAM} uninstall --agents`, changes, Boolean(argv.dryRun));
      return;
    }
    const { changes, notices, toCommit } = planUninstall(repo);
    if (!changes.length) {
      process.stdout.write(`${PROGRAM} is not installed here: nothing to remove\n`);
      for (const notice of notices) warn(notice);
      return;
    }
    for (const change of changes) process.stdout.write(`  ${argv.dryRun ? 'would: ' : ''}${change.describe}\n`);
    for (const notice of notices) warn(notice);
    if (argv.dryRun) return;
    for (const change of changes) change.apply();
    const commit = toCommit.length ? ` Commit the change to ${toCommit.join(', ')} so teammates lose the hooks too.` : '';
    process.stdout.write(`done. The notes under ${NOTES_REF} are kept.${commit}\n`);
  },
});
