// Zone rules as pure functions: which zones a change touches, which levels they allow, which
// reviews they require, and the AI budgets per service. The gates, `check` and `zones` all
// decide through this file, so a commit is judged the same way at commit, at push and in CI.

import type { Budget, Config, Zone } from './config.ts';
import { UNKNOWN, isAiLevel, isKnownLevel } from './levels.ts';
import type { Review } from './note.ts';
import type { Placer } from './placement.ts';
import type { ProvenanceRecord } from './record.ts';
import { shortId } from './display.ts';
import { sameMailbox } from './mailbox.ts';
import { printablePath } from './safe-text.ts';
import { quotedIfOdd, signedReviewProblem, type SignatureCheck } from './review-signature.ts';

/** A path a change touches; `oldPath` is set on renames. */
export interface PathChange {
  path: string;
  oldPath?: string;
}

/** A changed path with its line counts, as `--numstat` reports it. */
export interface ChangedPath extends PathChange {
  added: number;
  deleted: number;
}

export interface ZoneTouch {
  /** The path the zone was decided for (a rename touches both its old and its new path). */
  path: string;
  zone: Zone;
  /** The pattern that decided. */
  pattern: string;
  /** Set when `path` is the old side of a rename. */
  renamedTo?: string;
}

export type Rule = 'level-not-allowed' | 'review-required' | 'no-record' | 'budget';

export interface Violation {
  rule: Rule;
  /** Commit id, or "(staged)" for the index being committed. */
  commit: string;
  path?: string;
  zone?: string;
  level?: string;
  /** For a level refused by a zone: the levels that zone allows (empty: none). */
  allowed?: string[];
  /** For the old side of a rename: the path it was renamed to. */
  renamedTo?: string;
  /** What is wrong, one line. */
  message: string;
  /** The way out, one line. */
  fix: string;
  /** "warn" budgets report without refusing. */
  severity: 'error' | 'warning';
}

export const STAGED = '(staged)';

/** Every zone a change touches: both sides of a rename count, and so do deletions. */
export function touchedZones(placer: Placer, changes: readonly PathChange[]): ZoneTouch[] {
  const out: ZoneTouch[] = [];
  for (const change of changes) {
    const match = placer.zone(change.path);
    if (match) out.push({ path: change.path, zone: match.value, pattern: match.pattern });
    if (change.oldPath !== undefined && change.oldPath !== change.path) {
      const old = placer.zone(change.oldPath);
      if (old) out.push({ path: change.oldPath, zone: old.value, pattern: old.pattern, renamedTo: change.path });
    }
  }
  return out;
}

/** The levels a zone allows: every configured level when `allow` is not given. */
export function allowedLevels(config: Config, zone: Zone | undefined): string[] {
  return zone?.allow ?? [...config.levels];
}

/** The levels allowed for a change touching these zones: the intersection, in level order. */
export function levelsAllowedForAll(config: Config, touches: readonly ZoneTouch[]): string[] {
  const zones = new Map(touches.map((touch) => [touch.zone.name, touch.zone]));
  return config.levels.filter((level) => [...zones.values()].every((zone) => allowedLevels(config, zone).includes(level)));
}

export function describeAllowed(config: Config, zone: Zone): string {
  const allowed = allowedLevels(config, zone);
  return allowed.length ? allowed.join(', ') : 'no level';
}

/** "generated needs a review by lead@example.com", or undefined when the zone needs none. */
export function describeReviewRule(zone: Zone): string | undefined {
  if (!zone.reviewRequiredFor.length) return undefined;
  const kind = zone.requireSignedReviews ? 'a signed review' : 'a review';
  return `${zone.reviewRequiredFor.join(', ')} need${zone.reviewRequiredFor.length === 1 ? 's' : ''} ${kind} by ${zone.reviewers.join(' or ')}`;
}

/** One violation per file whose zone does not allow the level. */
export function levelViolations(config: Config, commit: string, level: string, touches: readonly ZoneTouch[]): Violation[] {
  const out: Violation[] = [];
  const allowedHere = levelsAllowedForAll(config, touches);
  for (const touch of touches) {
    const allowed = allowedLevels(config, touch.zone);
    if (allowed.includes(level)) continue;
    const side = touch.renamedTo ? ` (renamed to ${printablePath(touch.renamedTo)})` : '';
    const shown = printablePath(touch.path);
    const atLevels = allowed.join(' or ') || 'no level';
    const fix =
      commit === STAGED
        ? allowedHere.length
          ? `declare a level this commit allows (${allowedHere.join(', ')}) if that is the truth, or commit ${shown} separately, written without AI`
          : `split the commit: ${shown} goes in its own commit at ${atLevels}`
        : `rewrite ${shortId(commit)} (git rebase -i): move ${shown} into its own commit written at ${atLevels}, or drop the change`;
    out.push({
      rule: 'level-not-allowed',
      commit,
      path: touch.path,
      zone: touch.zone.name,
      level,
      allowed,
      ...(touch.renamedTo !== undefined ? { renamedTo: touch.renamedTo } : {}),
      message: `${shown}${side} is in zone ${touch.zone.name}, which allows ${describeAllowed(config, touch.zone)}; the commit is ${level}`,
      fix,
      severity: 'error',
    });
  }
  return out;
}

export interface ReviewVerdict {
  review: Review;
  counts: boolean;
  /** Why it does not count. */
  reason?: string;
}

/** What a review is judged against, beyond the zone and the review itself. */
export interface ReviewContext {
  /** The commit reviewed (for a signed review's binding; absent for the index being committed). */
  commit?: string;
  authorEmail?: string;
  /** The commit's patch id now; undefined means "not known here" (the commit gate). */
  currentPatch?: string;
  /** The canonical address behind an address: git's mailmap, as the checker's rules source says. */
  identity?: (email: string) => string;
  /** What git made of each signed review's signature (absent: signatures not checked here). */
  signatures?: ReadonlyMap<string, SignatureCheck>;
}

/**
 * Whether a review counts for a zone: the reviewer is listed and is not the commit's author,
 * both compared as people (the mailmap first, then as mailboxes: case, Unicode compatibility
 * forms, invisible characters and "+tags" do not make two addresses different people), it
 * approved the current content, and, where the zone requires it, its signature holds.
 */
export function judgeReview(zone: Zone, review: Review, context: ReviewContext = {}): ReviewVerdict {
  const identity = context.identity ?? ((email: string) => email);
  const by = quotedIfOdd(review.by);
  const reviewer = identity(review.by);
  const { authorEmail } = context;
  if (authorEmail && sameMailbox(identity(authorEmail), reviewer)) {
    const mapped = sameMailbox(authorEmail, review.by) ? '' : ', the same person by the mailmap';
    return { review, counts: false, reason: `${by} wrote the commit (as ${quotedIfOdd(authorEmail)}${mapped}) and cannot review it` };
  }
  if (!zone.reviewers.some((listed) => sameMailbox(identity(listed), reviewer))) {
    return { review, counts: false, reason: `${by} is not a reviewer of zone ${zone.name} (reviewers: ${zone.reviewers.map(quotedIfOdd).join(', ')})` };
  }
  if (zone.requireSignedReviews) {
    const problem = review.fromTrailer
      ? 'it is a Reviewed-by trailer, which is not signed'
      : signedReviewProblem(review, review.signature ? context.signatures?.get(review.signature) : undefined, {
          commit: context.commit ?? '',
          currentPatch: context.currentPatch,
          identity,
        });
    if (problem) return { review, counts: false, reason: `zone ${zone.name} requires signed reviews, and ${problem}` };
  }
  const lapsed = reviewLapse(review, context.currentPatch);
  if (lapsed) return { review, counts: false, reason: lapsed };
  return { review, counts: true };
}

/**
 * Why a note's review no longer approves the commit, or undefined while it does: it names the
 * patch id of the change it approved, and an amend or rebase that changes the content (the note
 * follows the commit through notes.rewriteRef) changes the patch id. A trailer review is part
 * of the commit itself. `currentPatch` undefined means "not known here" (the commit gate).
 */
export function reviewLapse(review: Review, currentPatch: string | undefined): string | undefined {
  if (review.fromTrailer || currentPatch === undefined) return undefined;
  if (!review.patch) return 'the review names no content (it was recorded before reviews were bound to a patch id); review again';
  if (review.patch !== currentPatch) {
    return `the commit's content changed after the review (reviewed patch ${review.patch.slice(0, 12)}, now ${currentPatch.slice(0, 12) || 'empty'}); review again`;
  }
  return undefined;
}

export interface ReviewNeed {
  zone: Zone;
  /** The touched paths in the zone, in the order the change lists them. */
  paths: string[];
}

/** The zones, each once, that need a review of a change at this level. */
export function reviewsNeeded(touches: readonly ZoneTouch[], level: string): ReviewNeed[] {
  const byZone = new Map<string, ReviewNeed>();
  for (const touch of touches) {
    if (!touch.zone.reviewRequiredFor.includes(level)) continue;
    const entry = byZone.get(touch.zone.name) ?? { zone: touch.zone, paths: [] };
    entry.paths.push(touch.path);
    byZone.set(touch.zone.name, entry);
  }
  return [...byZone.values()];
}

/** One violation per zone that needs a review at this level and has no review that counts. */
function reviewViolations(commit: string, level: string, touches: readonly ZoneTouch[], reviews: readonly Review[], context: ReviewContext): Violation[] {
  const out: Violation[] = [];
  for (const { zone, paths } of reviewsNeeded(touches, level)) {
    const verdicts = reviews.map((review) => judgeReview(zone, review, { ...context, commit }));
    if (verdicts.some((verdict) => verdict.counts)) continue;
    const refused = verdicts
      .filter((verdict) => !verdict.counts)
      .map((verdict) => `; review by ${quotedIfOdd(verdict.review.by)} does not count: ${verdict.reason}`)
      .join('');
    const shown = paths.length > 1 ? `${printablePath(paths[0])} and ${paths.length - 1} more` : printablePath(paths[0]);
    out.push({
      rule: 'review-required',
      commit,
      path: paths[0],
      zone: zone.name,
      level,
      message: `${shown} is in zone ${zone.name}, where ${level} needs a ${zone.requireSignedReviews ? 'signed ' : ''}review by ${zone.reviewers.join(' or ')}${refused}`,
      fix: zone.requireSignedReviews
        ? `a reviewer runs: git-provenance review ${shortId(commit)} --by ${zone.reviewers[0]} --sign (then pushes refs/notes/provenance); the checker verifies with gpg.ssh.allowedSignersFile (SSH: a line "<email> <public key>" per reviewer) or the GPG keyring`
        : `a reviewer runs: git-provenance review ${shortId(commit)} --by ${zone.reviewers[0]} (then pushes refs/notes/provenance)`,
      severity: 'error',
    });
  }
  return out;
}

export interface CommitToCheck {
  commit: string;
  record: ProvenanceRecord;
  changes: readonly PathChange[];
  authorEmail?: string;
  /** The commit's patch id, against which note reviews are checked ("" for an empty change). */
  patch?: string;
  /** The canonical address behind an address (git's mailmap). */
  identity?: (email: string) => string;
  /** What git made of the signed reviews' signatures. */
  signatures?: ReadonlyMap<string, SignatureCheck>;
}

/** Every rule for one commit: a record exists (or `unknown: allow`), levels, reviews. */
export function checkCommit(config: Config, placer: Placer, input: CommitToCheck): Violation[] {
  const { commit, record } = input;
  if (record.level === UNKNOWN || !isKnownLevel(config.levels, record.level)) {
    if (config.unknown === 'allow') return [];
    return [
      {
        rule: 'no-record',
        commit,
        level: UNKNOWN,
        message: `${shortId(commit)} has no provenance record, and the config says unknown: refuse`,
        fix: `record it: git-provenance record ${shortId(commit)} --level <${config.levels.join('|')}> --explain "…"`,
        severity: 'error',
      },
    ];
  }
  const touches = touchedZones(placer, input.changes);
  return [
    ...levelViolations(config, commit, record.level, touches),
    ...reviewViolations(commit, record.level, touches, record.reviews, {
      authorEmail: input.authorEmail,
      currentPatch: input.patch,
      identity: input.identity,
      signatures: input.signatures,
    }),
  ];
}

// ---- Budgets ---------------------------------------------------------------------------------

export interface BudgetCommit {
  commit: string;
  /** Committer time, seconds since the epoch. */
  time: number;
  level: string;
  changes: readonly ChangedPath[];
  /** True for the commits being checked (the push or the range), false for history. */
  isNew: boolean;
}

export interface BudgetResult {
  budget: Budget;
  aiLines: number;
  humanLines: number;
  unknownLines: number;
  /** AI lines the new commits add to this service. */
  newAiLines: number;
  /** aiLines / (aiLines + humanLines); 0 when nothing was added. */
  share: number;
  over: boolean;
  windowStart: number;
  windowEnd: number;
}

/**
 * The AI share of added lines per budgeted service over the `windowDays` ending at `windowEnd`
 * (the newest checked commit). Unknown lines are counted apart: never as human, never as AI.
 * A budget is crossed only when the share is over and the new commits add AI lines to it, so a
 * push of human work to an already-over service is never refused.
 */
export function evaluateBudgets(config: Config, placer: Placer, commits: readonly BudgetCommit[], windowEnd: number): BudgetResult[] {
  const results: BudgetResult[] = [];
  // Paths repeat across commits: place each once.
  const serviceOf = new Map<string, string | null>();
  const counted = (path: string): string | null => {
    let service = serviceOf.get(path);
    if (service === undefined) {
      service = placer.ignored(path) ? null : placer.service(path);
      serviceOf.set(path, service);
    }
    return service;
  };
  for (const budget of config.budgets) {
    const windowStart = windowEnd - budget.windowDays * 86_400;
    const result: BudgetResult = { budget, aiLines: 0, humanLines: 0, unknownLines: 0, newAiLines: 0, share: 0, over: false, windowStart, windowEnd };
    for (const commit of commits) {
      if (commit.time < windowStart || commit.time > windowEnd) continue;
      let added = 0;
      for (const change of commit.changes) {
        if (counted(change.path) !== budget.service) continue;
        added += change.added;
      }
      if (!added) continue;
      if (!isKnownLevel(config.levels, commit.level)) result.unknownLines += added;
      else if (isAiLevel(config.levels, commit.level)) {
        result.aiLines += added;
        if (commit.isNew) result.newAiLines += added;
      } else result.humanLines += added;
    }
    const lines = result.aiLines + result.humanLines;
    result.share = lines ? result.aiLines / lines : 0;
    result.over = result.share > budget.maxAiShare && result.newAiLines > 0;
    results.push(result);
  }
  return results;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function budgetViolations(results: readonly BudgetResult[], commit: string): Violation[] {
  return results
    .filter((result) => result.over)
    .map((result) => {
      const share = `AI share of added lines over ${result.budget.windowDays} days would be ${percent(result.share)}`;
      const counts = `${result.aiLines} AI of ${result.aiLines + result.humanLines} lines; these commits add ${result.newAiLines} AI lines`;
      return {
        rule: 'budget' as const,
        commit,
        level: undefined,
        message: `service ${result.budget.service}: ${share} (${counts}), over the budget of ${percent(result.budget.maxAiShare)}`,
        fix: `write part of this change without AI, or ask the lead to revisit budgets[service=${result.budget.service}] in .provenance.yml`,
        severity: result.budget.action === 'warn' ? ('warning' as const) : ('error' as const),
      };
    });
}
