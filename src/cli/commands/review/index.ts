import { loadConfig } from '../../../features/config.ts';
import { addReview } from '../../../features/zones/review.ts';
import { NOTES_REF } from '../../../git/notes.ts';
import { openRepo } from '../../../git/repo.ts';
import { defineCommand } from '../../command.ts';
import { printJson, warn } from '../../../features/output.ts';
import { shortId } from '../../../model/display.ts';

interface ReviewArgs {
  rev: string;
  by?: string;
  json?: boolean;
}

export const reviewCommand = defineCommand<ReviewArgs>({
  command: 'review <rev>',
  describe: 'record a review of a commit in its note (history is not rewritten)',
  builder: (yargs) =>
    yargs
      .positional('rev', { type: 'string', describe: 'the commit reviewed' })
      .option('by', { type: 'string', requiresArg: true, describe: "the reviewer's e-mail (default: git config user.email)" })
      .option('json', { type: 'boolean', describe: 'print the review and whether it counts, as JSON' })
      .example('$0 review HEAD --by lead@example.com', ''),
  handler: async (argv) => {
    const repo = openRepo();
    const { config } = await loadConfig(repo);
    const outcome = addReview(repo, config, argv.rev, argv.by);
    if (argv.json) return printJson(outcome);
    const done = `${outcome.replaced ? 'updated' : 'recorded'} review by ${outcome.review.by} of ${shortId(outcome.commit)}`;
    process.stdout.write(`${done} (push it: git push <remote> ${NOTES_REF})\n`);
    for (const verdict of outcome.verdicts) {
      if (verdict.counts) process.stdout.write(`  counts for zone ${verdict.zone}\n`);
      else warn(`this review does not count for zone ${verdict.zone}: ${verdict.reason}`);
    }
  },
});
