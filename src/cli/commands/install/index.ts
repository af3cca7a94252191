import { planInstall, type InstallMode } from '../../../features/install/index.ts';
import { openRepo } from '../../../git/repo.ts';
import { defineCommand } from '../../command.ts';
import { PROGRAM } from '../../../model/display.ts';
import { warn } from '../../../features/output.ts';

interface InstallArgs {
  dryRun?: boolean;
  mode?: InstallMode;
}

export const installCommand = defineCommand<InstallArgs>({
  command: 'install',
  describe: 'install the commit hooks that record AI assistance (husky with package.json, core.hooksPath otherwise)',
  builder: (yargs) =>
    yargs
      .option('dry-run', { type: 'boolean', describe: 'show what would change, change nothing' })
      .option('mode', { choices: ['husky', 'hooks-path'] as const, describe: 'force husky (package.json repositories) or a committed hooks folder' })
      .example('npx $0 install', 'then commit the hook files so every teammate gets them'),
  handler: async (argv) => {
    const repo = openRepo();
    const { plan, commit } = await planInstall(repo, { mode: argv.mode });
    if (!plan.changes.length) {
      process.stdout.write(
        `${PROGRAM} is already installed (${plan.mode === 'husky' ? 'husky, .husky/' : `${plan.hooksDir}/ via core.hooksPath`}): nothing to change\n`,
      );
      for (const notice of plan.notices) warn(notice);
      return;
    }
    const verb = argv.dryRun ? 'would' : 'will';
    const where = plan.mode === 'husky' ? 'husky' : `core.hooksPath ${plan.hooksDir}`;
    process.stdout.write(`${PROGRAM} install (${where}): ${argv.dryRun ? 'dry run, nothing is changed' : 'changes'}\n`);
    for (const change of plan.changes) process.stdout.write(`  ${argv.dryRun ? `${verb}: ` : ''}${change.describe}\n`);
    for (const notice of plan.notices) warn(notice);
    if (argv.dryRun) return;
    await commit();
    const teammate = plan.mode === 'husky' ? 'npm install' : `git config core.hooksPath ${plan.hooksDir}`;
    process.stdout.write(`done. Commit ${plan.mode === 'husky' ? 'package.json and .husky/' : `${plan.hooksDir}/`}; each teammate then runs: ${teammate}\n`);
  },
});
