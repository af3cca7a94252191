// The words of the commit gate (commit-msg) and of `check --staged`: one text for a refused
// index and one for a review it will need, so both say the same thing. Kept apart from
// render.ts, whose table library the commit path does not load.

import type { Colors } from '../output.ts';
import { PROGRAM } from '../../model/display.ts';
import { printablePath } from '../../model/safe-text.ts';
import type { ReviewNeed } from '../../model/zones.ts';
import type { StagedOutcome } from './check.ts';

/**
 * Why the index cannot be committed at its level, and the ways out: the commit gate prints it
 * when it refuses and `check --staged` when it would, in the same words.
 */
export function stagedRefusal(staged: Pick<StagedOutcome, 'level' | 'violations' | 'allowed'>, paint: Colors): string {
  const level = staged.level ?? '';
  const lines = [`${paint.red('commit refused')}: this ${level} commit touches zones that do not allow ${level}:`];
  for (const violation of staged.violations) {
    const renamed = violation.renamedTo !== undefined ? ` (renamed to ${printablePath(violation.renamedTo)})` : '';
    lines.push(`  ${printablePath(violation.path ?? '')}${renamed} → ${violation.zone} (allows ${violation.allowed?.join(', ') || 'no level'})`);
  }
  lines.push('Ways out:');
  if (staged.allowed.length) {
    lines.push(`  - if ${level} is not the right level, commit again with the right one (these files allow ${staged.allowed.join(', ')})`);
  }
  const offending = [...new Set(staged.violations.map((violation) => violation.path ?? ''))];
  const unstage = `git restore --staged -- ${offending.slice(0, 3).map(shellArg).join(' ')}${offending.length > 3 ? ' …' : ''}`;
  lines.push(`  - split the commit: unstage the zoned files (${unstage}), commit the rest, then commit them on their own at a level their zone allows`);
  lines.push(`  - see each path's zone: ${PROGRAM} zones <path>`);
  return `${lines.join('\n')}\n`;
}

/** A path as a shell argument to copy; an unprintable one is shown escaped instead. */
function shellArg(path: string): string {
  if (printablePath(path) !== path) return printablePath(path);
  return /^[A-Za-z0-9_./@+-]+$/.test(path) && !path.startsWith('-') ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The review a zone will ask for before the commit can be pushed (the commit goes through). */
export function reviewNotice(level: string, need: ReviewNeed): string {
  const who = need.zone.reviewers.join(' or ');
  const signed = need.zone.requireSignedReviews;
  return `zone ${need.zone.name} needs a ${signed ? 'signed ' : ''}review of this ${level} commit by ${who} before it can be pushed (${PROGRAM} review <commit> --by <e-mail>${signed ? ' --sign' : ''})`;
}
