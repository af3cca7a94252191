// Zone gates at commit (commit-msg) and push (pre-push). Each returns the hook's exit code and
// writes to stderr (git shows hook stderr; hook stdout goes there too).

import type { Config } from '../../model/config.ts';
import type { Trailer } from '../../model/trailers.ts';
import type { Repo } from '../../git/repo.ts';
import type { HookContext } from '../hook-context.ts';
import { colorsFor } from '../output.ts';
import { commitsForPush, parsePushInput } from '../../git/push.ts';
import { PROGRAM } from '../../model/display.ts';
import { STAGED, judgeReview } from '../../model/zones.ts';
import { identity as gitIdentity } from '../../git/config.ts';
import { reviewEvidence } from './review-evidence.ts';
import { agentFromEnvironment } from '../capture/agents.ts';
import { checkCommits, checkStaged, hasErrors, isMerging } from './check.ts';
import { reviewNotice, stagedRefusal } from './refusal.ts';

const write = (text: string) => process.stderr.write(text);

/**
 * commit-msg: the level is in the final message and the index is the one being committed, so
 * both are known here. A commit with no level yet is left to the push gate (and `unknown`).
 */
export async function commitGate(repo: Repo, config: Config, env: NodeJS.ProcessEnv, message: { text: string; trailers: readonly Trailer[] }): Promise<number> {
  if (isMerging(repo) || !config.zones.length) return 0;
  // An agent's session declaring "none" is still an agent's commit: the environment is evidence.
  const agent = agentFromEnvironment(env);
  const staged = checkStaged(repo, config, { message, agent: agent && { level: 'generated', ...agent } });
  if (staged.violations.length) {
    write(`${PROGRAM}: ${stagedRefusal(staged, colorsFor(process.stderr, env))}`);
    return 1;
  }
  const reviews = staged.record?.reviews ?? [];
  const authorEmail = staged.record?.authorEmail;
  // Who is who by the mailmap, asked only when a trailer review is there to judge.
  const people =
    staged.reviewsNeeded.length && authorEmail
      ? await reviewEvidence(repo, config, [{ commit: STAGED, authorName: gitIdentity(repo, 'author').name, authorEmail, reviews }])
      : undefined;
  const identity = people?.identityFor(STAGED);
  for (const need of staged.reviewsNeeded) {
    if (reviews.some((review) => judgeReview(need.zone, review, { authorEmail, identity }).counts)) continue;
    write(`${PROGRAM}: note: ${reviewNotice(staged.level ?? '', need)}\n`);
  }
  return 0;
}

/**
 * pre-push: every commit the push would add to the remote (git's ref lines on stdin), checked
 * for records, zone levels, reviews and budgets. A non-zero exit refuses the whole push.
 */
export async function pushGate(context: HookContext): Promise<number> {
  const refs = parsePushInput(context.readStdin());
  if (!refs.length) return 0;
  const config = await context.config();
  if (!config.zones.length && !config.budgets.length && config.unknown === 'allow') return 0;
  const remote = context.args[0] ?? 'origin';
  const { commits } = commitsForPush(context.repo, remote, refs);
  if (!commits.length) return 0;
  const outcome = await checkCommits(context.repo, config, commits);
  const paint = colorsFor(process.stderr, context.env);
  for (const warning of outcome.warnings) write(`git-provenance: warning: ${warning}\n`);
  if (!outcome.violations.length) return 0;
  const { renderOutcome } = await import('./render.ts');
  write(renderOutcome(outcome, paint, { what: `push to ${remote}`, width: process.stderr.columns || 100 }));
  if (hasErrors(outcome)) {
    write(paint.dim('Fix each row, then push again; CI runs the same rules (git-provenance check).\n'));
    return 1;
  }
  return 0;
}
