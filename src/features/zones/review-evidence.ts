// What judging reviews needs from git, asked once for all commits being judged: who is who by
// git's mailmap (reviewer, listed reviewers, author), and git's verdict on each signed review.
// An address the mailmap does not know is tried again in its canonical form
// ("Alias+x@Example.com" → "alias@example.com"); model/mailbox.ts compares what comes out.

import type { Config } from '../../model/config.ts';
import { canonicalEmail } from '../../model/mailbox.ts';
import type { Review } from '../../model/note.ts';
import type { SignatureCheck } from '../../model/review-signature.ts';
import { type Contact, mailmapEmails } from '../../git/mailmap.ts';
import type { Repo } from '../../git/repo.ts';
import { verifySignedObjects } from '../../git/signatures.ts';

export interface ReviewedCommit {
  commit: string;
  authorName: string;
  authorEmail: string;
  reviews: readonly Review[];
}

export interface ReviewEvidence {
  signatures: ReadonlyMap<string, SignatureCheck>;
  /** The identity function for one commit: its author's address maps as git maps its author line (name included). */
  identityFor(commit: string): (email: string) => string;
}

/**
 * Nothing is asked of git when no commit has a review or no zone needs one. `rulesRev` is the
 * revision the rules come from (see `mailmapEmails`).
 */
export async function reviewEvidence(repo: Repo, config: Config, commits: readonly ReviewedCommit[], rulesRev?: string): Promise<ReviewEvidence | undefined> {
  const zones = config.zones.filter((zone) => zone.reviewRequiredFor.length);
  const reviewed = commits.filter((commit) => commit.reviews.length);
  if (!zones.length || !reviewed.length) return undefined;
  const reviews = reviewed.flatMap((commit) => commit.reviews);
  const signed = reviews.flatMap((review) => (review.signature ? [review.signature] : []));
  const signatures =
    signed.length && zones.some((zone) => zone.requireSignedReviews) ? await verifySignedObjects(repo, signed) : new Map<string, SignatureCheck>();
  const emails = [
    ...reviews.map((review) => review.by),
    ...zones.flatMap((zone) => zone.reviewers),
    ...[...signatures.values()].map((check) => check.signer).filter(Boolean),
  ];
  const { identity, authors } = mailmapIdentities(
    repo,
    emails,
    reviewed.map((commit) => ({ name: commit.authorName, email: commit.authorEmail })),
    rulesRev,
  );
  const authorOf = new Map(reviewed.map((commit, i) => [commit.commit, { email: commit.authorEmail, mapped: authors[i] }]));
  return {
    signatures,
    identityFor(commit) {
      const author = authorOf.get(commit);
      return (email) => (author && email === author.email ? author.mapped : identity(email));
    },
  };
}

/** One `git check-mailmap` for every address and author (authors' names count, as in git's `%aE`). */
function mailmapIdentities(
  repo: Repo,
  emails: readonly string[],
  authors: readonly Contact[],
  rulesRev?: string,
): { identity: (email: string) => string; authors: string[] } {
  const unique = [...new Set(emails)];
  const contacts: Contact[] = [
    ...authors,
    ...authors.map((author) => ({ email: canonicalEmail(author.email) })),
    ...unique.map((email) => ({ email })),
    ...unique.map((email) => ({ email: canonicalEmail(email) })),
  ];
  const mapped = mailmapEmails(repo, contacts, rulesRev);
  const pick = (raw: Contact, rawMapped: string, canonicalMapped: string) =>
    rawMapped.toLowerCase() !== raw.email.toLowerCase() ? rawMapped : canonicalMapped.toLowerCase() !== canonicalEmail(raw.email) ? canonicalMapped : raw.email;
  const n = authors.length;
  const byEmail = new Map(unique.map((email, i) => [email, pick({ email }, mapped[2 * n + i], mapped[2 * n + unique.length + i])]));
  return {
    identity: (email) => byEmail.get(email) ?? email,
    authors: authors.map((author, i) => pick(author, mapped[i], mapped[n + i])),
  };
}
