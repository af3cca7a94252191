// `git-provenance review`: a review added after the fact, appended to the commit's note. A
// commit with no note yet gets one built from its record, so a declared (trailer-only) commit
// can be reviewed too; a commit with no record at all must be recorded first.

import type { Config } from '../../model/config.ts';
import { InvalidValueError, UsageError } from '../../model/errors.ts';
import { NOTE_SCHEMA, formatNote, parseNote, type ProvenanceNote, type Review } from '../../model/note.ts';
import { createPlacer } from '../../model/placement.ts';
import { UNKNOWN } from '../../model/levels.ts';
import { judgeReview, touchedZones } from '../../model/zones.ts';
import { toSafeLine } from '../../model/safe-text.ts';
import { resolveRecord } from '../../model/record.ts';
import { commitChanges, identity, readCommit, readNote, resolveCommit, writeNote, type Repo } from '../../git/repo.ts';
import { fileEntries } from '../records/index.ts';
import { patchIds } from '../../git/patch-id.ts';

const EMAIL = /^[^\s<>@]+@[^\s<>@]+$/;

export interface ReviewOutcome {
  commit: string;
  review: Review;
  /** One line per zone that needs a review at this commit's level: whether this one counts. */
  verdicts: { zone: string; counts: boolean; reason?: string }[];
  replaced: boolean;
}

export function addReview(repo: Repo, config: Config, rev: string, by: string | undefined, now: Date = new Date()): ReviewOutcome {
  const me = identity(repo, 'committer');
  const email = (by ?? me.email).trim().toLowerCase();
  if (!email) throw new UsageError('no reviewer e-mail: --by was not given and user.email is not set', 'pass --by you@example.com');
  if (!EMAIL.test(email)) throw new InvalidValueError('--by', `"${toSafeLine(email)}" is not an e-mail address`, 'pass the address only, e.g. --by lead@example.com');
  const commit = resolveCommit(repo, rev);
  const info = readCommit(repo, commit);
  const existingText = readNote(repo, commit);
  const parsed = existingText === undefined ? undefined : parseNote(existingText, config.levels);
  const record = resolveRecord(config.levels, { ...info, note: parsed });
  if (record.level === UNKNOWN) {
    throw new UsageError(`${commit.slice(0, 12)} has no provenance record to review`, `record its level first: git-provenance record ${commit.slice(0, 12)} --level <${config.levels.join('|')}>`);
  }
  const existing = parsed?.note;
  const changes = commitChanges(repo, commit);
  const placer = createPlacer(config);
  const note: ProvenanceNote = existing ?? {
    schema: NOTE_SCHEMA,
    level: record.level,
    recordedBy: 'cli',
    recordedAt: now.toISOString(),
    files: fileEntries(changes, placer),
    reviews: [],
    ...(record.explanation ? { explanation: record.explanation } : {}),
    ...(record.tool ? { tool: record.tool } : {}),
    ...(record.model ? { model: record.model } : {}),
  };
  const name = email === me.email && me.name ? me.name : undefined;
  // The review approves this content: an amend or rebase that changes it makes the review lapse.
  const patch = patchIds(repo, [commit]).get(commit) || undefined;
  const review: Review = { by: email, at: now.toISOString(), ...(name ? { name: toSafeLine(name) } : {}), ...(patch ? { patch } : {}) };
  const replaced = note.reviews.some((item) => item.by === email);
  note.reviews = [...note.reviews.filter((item) => item.by !== email), review];
  writeNote(repo, commit, formatNote(note));

  const verdicts: ReviewOutcome['verdicts'] = [];
  const seen = new Set<string>();
  for (const touch of touchedZones(placer, changes)) {
    if (seen.has(touch.zone.name) || !touch.zone.reviewRequiredFor.includes(record.level)) continue;
    seen.add(touch.zone.name);
    const verdict = judgeReview(touch.zone, review, info.authorEmail, patch ?? '');
    verdicts.push({ zone: touch.zone.name, counts: verdict.counts, ...(verdict.reason ? { reason: verdict.reason } : {}) });
  }
  return { commit, review, verdicts, replaced };
}
