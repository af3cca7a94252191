import { planUninstall } from '../../../features/install/index.ts';
import { NOTES_REF } from '../../../git/notes.ts';
import { openRepo } from '../../../git/repo.ts';
import { defineCommand } from '../../command.ts';
import { PROGRAM } from '../../../model/display.ts';
import { warn } from '../../../features/output.ts';

interface UninstallArgs {
  dryRun?: boolean;
}

export const uninstallCommand = defineCommand<UninstallArgs>({
  command: 'uninstall',
  describe: 'remove the hooks and the git config that install added (notes are kept)',
  builder: (yargs) => yargs.option('dry-run', { type: 'boolean', describe: 'show what would change, change nothing' }),
  handler: (argv) => {
    const repo = openRepo();
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
