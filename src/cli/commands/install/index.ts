import { join } from 'node:path';
import { AGENTS, planAgentHooks } from '../../../features/install/agent-hooks.ts';
import { RUNNER, applyChanges, planInstall, type InstallMode } from '../../../features/install/index.ts';
import { cliFix, locateFromCleanShell } from '../../../features/install/doctor.ts';
import { teammateInstallCommand } from '../../../features/install/package-manager.ts';
import { openRepo } from '../../../git/repo.ts';
import { defineCommand } from '../../command.ts';
import { PROGRAM } from '../../../model/display.ts';
import { warn } from '../../../features/output.ts';

interface InstallArgs {
  dryRun?: boolean;
  agents?: string;
  mode?: InstallMode;
  packageJson?: boolean;
  prepare?: boolean;
}

export const installCommand = defineCommand<InstallArgs>({
  command: 'install',
  describe: 'install the commit hooks that record AI assistance (husky with package.json, core.hooksPath otherwise)',
  builder: (yargs) =>
    yargs
      .option('dry-run', { type: 'boolean', describe: 'show what would change, change nothing' })
      .option('mode', { choices: ['husky', 'hooks-path'] as const, describe: 'force husky (package.json repositories) or a committed hooks folder' })
      .option('agents', {
        type: 'string',
        describe: `also hook the coding agents' file edits (${AGENTS.join(', ')}; no value: those the project has a folder for, else claude-code,cursor)`,
      })
      .option('package-json', {
        type: 'boolean',
        default: true,
        describe: 'add the devDependencies and the prepare step (--no-package-json: leave package.json alone)',
      })
      .option('prepare', { type: 'boolean', describe: "a clone's prepare script: set up husky and the notes config only, never fail" })
      .example('npx $0 install', 'then commit the hook files so every teammate gets them'),
  handler: async (argv) => {
    const repo = openRepo();
    if (argv.prepare) {
      // Run by `npm install` in every clone: a problem is reported, never fails the install.
      try {
        const { plan, commit } = await planInstall(repo, { prepare: true });
        await commit();
        if (plan.changes.length) process.stdout.write(`${PROGRAM}: hooks and notes config set up for this clone\n`);
      } catch (error) {
        warn(`${PROGRAM} install --prepare: ${(error as Error).message}; run \`${PROGRAM} doctor\``);
      }
      return;
    }
    if (argv.agents !== undefined) applyChanges(`${PROGRAM} install --agents`, planAgentHooks(repo, argv.agents), Boolean(argv.dryRun));
    const { plan, commit } = await planInstall(repo, { mode: argv.mode, packageJson: argv.packageJson });
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
    const teammate = plan.manager ? teammateInstallCommand(plan.manager) : `git config core.hooksPath ${plan.hooksDir}`;
    const lockfile = plan.manager?.lockfile ? `, ${plan.manager.lockfile}` : '';
    process.stdout.write(
      `done. Commit ${plan.mode === 'husky' ? `package.json${lockfile} and .husky/` : `${plan.hooksDir}/`}; each teammate then runs: ${teammate}\n`,
    );
    // The hooks run from the user's shell, not from npx's PATH: check they find the CLI there.
    const top = repo.topLevel ?? repo.cwd;
    const located = locateFromCleanShell(join(top, plan.hooksDir, RUNNER), top);
    if (!located.found) {
      warn(`the hooks cannot run from a clean shell (${located.what}), so commits would not be recorded: ${cliFix(located, top)}`);
    }
  },
});
