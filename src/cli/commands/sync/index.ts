import { existsSync } from 'node:fs';
import { syncNotes } from '../../../features/capture/notes-sync.ts';
import { loadConfig } from '../../../features/config.ts';
import { remotes } from '../../../git/config.ts';
import { openRepo } from '../../../git/repo.ts';
import { CheckFailedError, UsageError } from '../../../model/errors.ts';
import { defineCommand } from '../../command.ts';

interface SyncArgs {
  remote?: string;
}

export const syncCommand = defineCommand<SyncArgs>({
  command: 'sync [remote]',
  describe: 'fetch, merge and push the provenance notes (what the pre-push hook does, by hand)',
  builder: (yargs) => yargs.positional('remote', { type: 'string', describe: 'the remote (default: origin, or the only remote)' }),
  handler: async (argv) => {
    const repo = openRepo();
    const known = remotes(repo);
    const remote = argv.remote ?? (known.includes('origin') ? 'origin' : known.length === 1 ? known[0] : undefined);
    if (!remote)
      throw new UsageError(
        known.length ? `several remotes (${known.join(', ')}) and none is origin` : 'this repository has no remote',
        known.length ? 'name one: git-provenance sync <remote>' : 'add one with `git remote add origin <url>`',
      );
    // A name that is neither a configured remote nor a URL or path is a typo, not a network error.
    if (argv.remote && !known.includes(argv.remote) && !/[:/\\]/.test(argv.remote) && !existsSync(argv.remote)) {
      throw new UsageError(`no remote named ${argv.remote}`, known.length ? `use one of: ${known.join(', ')}` : 'add one with `git remote add origin <url>`');
    }
    const { config } = await loadConfig(repo);
    const result = syncNotes(repo, config, remote, { timeoutMs: 120_000, interactive: true, fetchFirst: true, push: true });
    if (!result.ok)
      throw new CheckFailedError(`notes sync with ${remote} failed: ${result.detail}`, 'check that you can `git push` to it, then run sync again');
    const merged =
      result.merged === 'nothing' ? 'nothing new from the remote' : result.merged === 'fast-forward' ? 'took the remote notes' : 'merged the remote notes';
    process.stdout.write(`notes synced with ${remote}: ${merged}; ${result.pushed ? 'pushed' : 'nothing to push'}\n`);
  },
});
