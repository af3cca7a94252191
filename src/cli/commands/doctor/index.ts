import { diagnose } from '../../../features/install/doctor.ts';
import { openRepo } from '../../../git/repo.ts';
import { ExitCode } from '../../../model/errors.ts';
import { defineCommand } from '../../command.ts';
import { colors } from '../../../features/output.ts';

export const doctorCommand = defineCommand<Record<string, never>>({
  command: 'doctor',
  describe: 'check the hook setup and print the fix for each problem (exit 1 when one is found)',
  builder: (yargs) => yargs,
  handler: async () => {
    const findings = await diagnose(openRepo());
    for (const finding of findings) {
      if (finding.ok) process.stdout.write(`${colors.green('ok')}       ${finding.what}\n`);
      else if (finding.warning) process.stdout.write(`${colors.yellow('warning')}  ${finding.what}\n         fix: ${finding.fix}\n`);
      else process.stdout.write(`${colors.red('problem')}  ${finding.what}\n         fix: ${finding.fix}\n`);
    }
    const problems = findings.filter((finding) => !finding.ok && !finding.warning).length;
    process.stdout.write(problems ? `${problems} problem${problems > 1 ? 's' : ''} found\n` : 'all good\n');
    if (problems) process.exitCode = ExitCode.checkFailed;
  },
});
