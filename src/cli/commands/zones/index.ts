import { loadConfig } from '../../../features/config.ts';
import { describePaths, summarizeTree } from '../../../features/zones/describe.ts';
import { openRepo } from '../../../git/repo.ts';
import { printablePath } from '../../../model/safe-text.ts';
import { defineCommand } from '../../command.ts';
import { colors, printJson } from '../../../features/output.ts';

interface ZonesArgs {
  paths: string[];
  /** Words after "--" (paths starting with "-"), after the command name. */
  _: (string | number)[];
  json?: boolean;
}

export const zonesCommand = defineCommand<ZonesArgs>({
  command: 'zones [paths..]',
  describe: "show each path's zone, allowed levels, review rule and the pattern that decided; no path: the tree by zone",
  builder: (yargs) =>
    yargs
      .positional('paths', { type: 'string', array: true, default: [], describe: 'paths, relative to the current directory (need not exist)' })
      .option('json', { type: 'boolean', describe: 'print JSON' })
      .example('$0 zones services/api/auth/token.ts', '')
      .example('$0 zones -- -odd-name.ts', 'a path starting with "-" goes after --'),
  handler: async (argv) => {
    const repo = openRepo();
    const { config, file } = await loadConfig(repo);
    const paths = [...argv.paths, ...argv._.slice(1)].map(String);
    if (paths.length) {
      const described = describePaths(repo, config, paths);
      if (argv.json) return printJson(described);
      for (const item of described) {
        process.stdout.write(`${colors.bold(printablePath(item.path))}\n`);
        process.stdout.write(`  zone     ${item.zone ?? colors.dim('(none: no zone matches)')}\n`);
        process.stdout.write(`  allows   ${item.allow.join(', ') || 'no level'}\n`);
        if (item.review) process.stdout.write(`  review   ${item.review}\n`);
        process.stdout.write(`  decided  ${item.pattern ? `by "${item.pattern}" in zone ${item.zone}` : colors.dim('by no pattern')}\n`);
        process.stdout.write(`  service  ${item.service}\n`);
      }
      return;
    }
    const summary = summarizeTree(repo, config);
    if (argv.json) return printJson(summary);
    if (!config.zones.length)
      process.stdout.write(colors.dim(`no zones defined${file ? ` in ${file}` : ' (no .provenance.yml)'}: every level is allowed everywhere\n`));
    for (const item of summary) {
      const name = item.zone ?? '(no zone)';
      const rules = `allows ${item.allow.join(', ') || 'no level'}${item.review ? `; ${item.review}` : ''}`;
      process.stdout.write(`${colors.bold(name.padEnd(16))} ${String(item.files).padStart(7)} files  ${rules}\n`);
      if (item.examples.length) process.stdout.write(colors.dim(`${''.padEnd(16)} e.g. ${item.examples.map(printablePath).join(', ')}\n`));
    }
  },
});
