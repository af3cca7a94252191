// `git-provenance review`: a review added after the fact, appended to the commit's note. A
// commit with no note yet gets one built from its record, so a declared (trailer-only) commit
// can be reviewed too; a commit with no record at all must be recorded first.

import type { Config } from '../../model/config.ts';
import { InvalidValueError, UsageError } from '../../model/errors.ts';
import { createNote, formatNote, parseNote, type ProvenanceNote, type Review } from '../../model/note.ts';
import { createPlacer } from '../../model/placement.ts';
import { UNKNOWN } from '../../model/levels.ts';
import { judgeReview, reviewsNeeded, touchedZones } from '../../model/zones.ts';
import { toSafeLine } from '../../model/safe-text.ts';
import { resolveRecord } from '../../model/record.ts';
import { commitChanges, readCommit } from '../../git/commits.ts';
import { identity } from '../../git/config.ts';
import { readNote, writeNote } from '../../git/notes.ts';
import type { Repo } from '../../git/repo.ts';
import { resolveCommit } from '../../git/revisions.ts';
import { fileEntries } from '../records/index.ts';
import { patchIds } from '../../git/patch-id.ts';
import { shortId } from '../../model/display.ts';
import { formatReviewPayload } from '../../model/review-signature.ts';
import { signMessage } from '../../git/signatures.ts';
import { reviewEvidence } from './review-evidence.ts';

const EMAIL = /^[^\s<>@]+@[^\s<>@]+$/;

export interface ReviewOutcome {
  commit: string;
  review: Review;
  /** One line per zone that needs a review at this commit's level: whether this one counts. */
  verdicts: { zone: string; counts: boolean; reason?: string }[];
  replaced: boolean;
}

export interface ReviewRequest {
  rev: string;
  /** The reviewer's e-mail; default: the committer e-mail git would record. */
  by?: string;
  /** Sign the review with git's signing configuration (gpg.format, user.signingKey). */
  sign?: boolean;
}

export async function addReview(repo: Repo, config: Config, { rev, by, sign }: ReviewRequest, now: Date = new Date()): Promise<ReviewOutcome> {
  const me = identity(repo, 'committer');
  const email = (by ?? me.email).trim().toLowerCase();
  if (!email) throw new UsageError('no reviewer e-mail: --by was not given and user.email is not set', 'pass --by you@example.com');
  if (!EMAIL.test(email))
    throw new InvalidValueError('--by', `"${toSafeLine(email)}" is not an e-mail address`, 'pass the address only, e.g. --by lead@example.com');
  const commit = resolveCommit(repo, rev);
  const info = readCommit(repo, commit);
  const existingText = readNote(repo, commit);
  const parsed = existingText === undefined ? undefined : parseNote(existingText, config.levels);
  const record = resolveRecord(config.levels, { ...info, note: parsed });
  if (record.level === UNKNOWN) {
    throw new UsageError(
      `${shortId(commit)} has no provenance record to review`,
      `record its level first: git-provenance record ${shortId(commit)} --level <${config.levels.join('|')}>`,
    );
  }
  const existing = parsed?.note;
  const changes = commitChanges(repo, commit);
  const placer = createPlacer(config);
  const note: ProvenanceNote =
    existing ??
    createNote({
      level: record.level,
      explanation: record.explanation,
      tool: record.tool,
      model: record.model,
      recordedBy: 'cli',
      recordedAt: now.toISOString(),
      files: fileEntries(changes, placer),
    });
  const name = email === me.email && me.name ? me.name : undefined;
  // The review approves this content: an amend or rebase that changes it makes the review lapse.
  const patch = patchIds(repo, [commit]).get(commit) || undefined;
  const at = now.toISOString();
  // Signed before anything is written: a signing failure leaves the note as it was.
  const signature = sign ? signMessage(repo, formatReviewPayload({ commit, patch: patch ?? '', by: email, at })) : undefined;
  const review: Review = {
    by: email,
    at,
    ...(name ? { name: toSafeLine(name) } : {}),
    ...(patch ? { patch } : {}),
    ...(signature ? { signature } : {}),
  };
  const replaced = note.reviews.some((item) => item.by === email);
  note.reviews = [...note.reviews.filter((item) => item.by !== email), review];
  writeNote(repo, commit, formatNote(note));

  const needs = reviewsNeeded(touchedZones(placer, changes), record.level);
  const people = await reviewEvidence(repo, config, [{ commit, authorName: info.authorName, authorEmail: info.authorEmail, reviews: [review] }]);
  const verdicts = needs.map(({ zone }) => {
    const verdict = judgeReview(zone, review, {
      commit,
      authorEmail: info.authorEmail,
      currentPatch: patch ?? '',
      identity: people?.identityFor(commit),
      signatures: people?.signatures,
    });
    return { zone: zone.name, counts: verdict.counts, ...(verdict.reason ? { reason: verdict.reason } : {}) };
  });
  return { commit, review, verdicts, replaced };
}
