// Zone gates at commit (commit-msg) and push (pre-push). Each returns the hook's exit code and
// writes to stderr (git shows hook stderr; hook stdout goes there too).

import pc from 'picocolors';
type Colors = ReturnType<typeof pc.createColors>;
import type { HookContext } from '../../hooks/context.ts';
import { loadConfig } from '../config.ts';
import { commitsForPush, parsePushInput } from '../../git/range.ts';
import { printablePath } from '../../model/safe-text.ts';
import { judgeReview } from '../../model/zones.ts';
import { agentFromEnvironment } from '../capture/agents.ts';
import { checkCommits, checkStaged, hasErrors, isMerging } from './check.ts';

function paintFor(env: NodeJS.ProcessEnv): Colors {
  const wanted = env.NO_COLOR ? false : env.FORCE_COLOR && env.FORCE_COLOR !== '0' ? true : Boolean(process.stderr.isTTY) && env.TERM !== 'dumb';
  return pc.createColors(wanted);
}

const write = (text: string) => process.stderr.write(text);

/**
 * commit-msg: the level is in the final message and the index is the one being committed, so
 * both are known here. A commit with no level yet is left to the push gate (and `unknown`).
 */
export async function commitGate(context: HookContext): Promise<number> {
  const messageFile = context.args[0];
  if (!messageFile || isMerging(context.repo)) return 0;
  const { config } = await loadConfig(context.repo);
  if (!config.zones.length) return 0;
  // An agent's session declaring "none" is still an agent's commit: the environment is evidence.
  const agent = agentFromEnvironment(context.env);
  const staged = checkStaged(context.repo, config, { messageFile, agent: agent && { level: 'generated', ...agent } });
  const paint = paintFor(context.env);
  if (staged.violations.length) {
    const lines = [`${paint.red('git-provenance: commit refused')}: this ${staged.level} commit touches zones that do not allow ${staged.level}:`];
    for (const violation of staged.violations) {
      const touch = staged.touches.find((item) => item.path === violation.path);
      const renamed = touch?.renamedTo ? ` (renamed to ${printablePath(touch.renamedTo)})` : '';
      lines.push(`  ${printablePath(violation.path ?? '')}${renamed} → ${violation.zone} (allows ${touch?.zone.allow?.join(', ') || 'no level'})`);
    }
    lines.push('Ways out:');
    if (staged.allowed.length) {
      lines.push(`  - if ${staged.level} is not the right level, commit again with the right one (these files allow ${staged.allowed.join(', ')})`);
    }
    const offending = [...new Set(staged.violations.map((violation) => violation.path ?? ''))];
    lines.push(`  - split the commit: unstage the zoned files (git restore --staged -- ${offending.slice(0, 3).map(quoteArg).join(' ')}${offending.length > 3 ? ' …' : ''}), commit the rest, then commit them on their own at a level their zone allows`);
    lines.push(`  - see each path's zone: git-provenance zones <path>`);
    write(`${lines.join('\n')}\n`);
    return 1;
  }
  for (const need of staged.reviewsNeeded) {
    const zone = staged.touches.find((touch) => touch.zone.name === need.zone)?.zone;
    const author = staged.record?.authorEmail;
    if (zone && staged.record?.reviews.some((review) => judgeReview(zone, review, author).counts)) continue;
    write(`git-provenance: note: zone ${need.zone} needs a review of this ${staged.level} commit by ${need.reviewers.join(' or ')} before it can be pushed (git-provenance review <commit> --by <e-mail>)\n`);
  }
  return 0;
}

function quoteArg(path: string): string {
  if (/^[A-Za-z0-9_./@+-]+$/.test(path) && !path.startsWith('-')) return path;
  // A name with control or separator characters is shown as a $'…' word (bash, zsh): typing it
  // back gives the same name, and the raw characters never reach the terminal.
  if (printablePath(path) !== path) return `$'${[...path].map((char) => (/[\\']/.test(char) ? `\\${char}` : printablePath(char) === char ? char : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')}'`;
  return `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * pre-push: every commit the push would add to the remote (git's ref lines on stdin), checked
 * for records, zone levels, reviews and budgets. A non-zero exit refuses the whole push.
 */
export async function pushGate(context: HookContext): Promise<number> {
  const refs = parsePushInput(context.readStdin());
  if (!refs.length) return 0;
  const { config } = await loadConfig(context.repo);
  if (!config.zones.length && !config.budgets.length && config.unknown === 'allow') return 0;
  const remote = context.args[0] ?? 'origin';
  const { commits } = commitsForPush(context.repo, remote, refs);
  if (!commits.length) return 0;
  const outcome = await checkCommits(context.repo, config, commits);
  const paint = paintFor(context.env);
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
