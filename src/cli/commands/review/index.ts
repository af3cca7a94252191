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
  sign?: boolean;
  json?: boolean;
}

export const reviewCommand = defineCommand<ReviewArgs>({
  command: 'review <rev>',
  describe: 'record a review of a commit in its note (history is not rewritten)',
  builder: (yargs) =>
    yargs
      .positional('rev', { type: 'string', describe: 'the commit reviewed' })
      .option('by', { type: 'string', requiresArg: true, describe: "the reviewer's e-mail (default: git config user.email)" })
      .option('sign', {
        type: 'boolean',
        describe:
          "sign the review with git's signing setup (gpg.format openpgp/ssh/x509, user.signingKey); zones with requireSignedReviews count only signed reviews",
      })
      .option('json', { type: 'boolean', describe: 'print the review and whether it counts, as JSON' })
      .example('$0 review HEAD --by lead@example.com', '')
      .example('$0 review HEAD --sign', 'signed: git config gpg.format ssh; git config user.signingKey ~/.ssh/id_ed25519.pub'),
  handler: async (argv) => {
    const repo = openRepo();
    const { config } = await loadConfig(repo);
    const outcome = await addReview(repo, config, { rev: argv.rev, by: argv.by, sign: argv.sign });
    if (argv.json) return printJson(outcome);
    const done = `${outcome.replaced ? 'updated' : 'recorded'} ${outcome.review.signature ? 'signed ' : ''}review by ${outcome.review.by} of ${shortId(outcome.commit)}`;
    process.stdout.write(`${done} (push it: git push <remote> ${NOTES_REF})\n`);
    for (const verdict of outcome.verdicts) {
      if (verdict.counts) process.stdout.write(`  counts for zone ${verdict.zone}\n`);
      else warn(`this review does not count for zone ${verdict.zone}: ${verdict.reason}`);
    }
  },
});
