// Signed reviews (docs/ZONES.md, "Signed reviews"): the text a reviewer signs, and what a verified
// signature must show before the review counts. The signature itself is a git commit object
// signed by git (`commit-tree -S`) whose message is the payload below; git verifies it, this
// module only reads what git reports and compares it with the review and the commit.

import { sameMailbox } from './mailbox.ts';
import type { Review } from './note.ts';
import { quoted } from './safe-text.ts';

const TITLE = 'git-provenance review v1';

/** What a signed review binds: the exact commit, its change, the reviewer and the time. */
export interface ReviewPayload {
  commit: string;
  /** The commit's patch id ("" for a commit that changes nothing). */
  patch: string;
  by: string;
  at: string;
}

export function formatReviewPayload(payload: ReviewPayload): string {
  return `${TITLE}\n\ncommit ${payload.commit}\npatch ${payload.patch}\nby ${payload.by}\nat ${payload.at}\n`;
}

const PAYLOAD =
  /^git-provenance review v1\n\ncommit ([0-9a-f]{40}|[0-9a-f]{64})\npatch ((?:[0-9a-f]{40}|[0-9a-f]{64})?)\nby ([^\s<>@]+@[^\s<>@]+)\nat ([0-9T:.Z+-]{10,40})\n$/;

/** The payload a signed message carries, or undefined when it is anything else (exactly this form). */
export function parseReviewPayload(message: string): ReviewPayload | undefined {
  const match = PAYLOAD.exec(message);
  if (!match) return undefined;
  return { commit: match[1], patch: match[2], by: match[3], at: match[4] };
}

/** The message of a raw commit object: everything after the first blank line (headers end there). */
export function objectMessage(raw: string): string | undefined {
  const end = raw.indexOf('\n\n');
  return end < 0 ? undefined : raw.slice(end + 2);
}

/** What git made of a review's signed object (`%G?` and `%GS` of the object, verified here). */
export interface SignatureCheck {
  /** git's verdict letter: G good, B bad, U untrusted key, X/Y expired, R revoked, E cannot check, N none. */
  status: string;
  /** The SSH principal from gpg.ssh.allowedSignersFile, or the e-mail of the OpenPGP/X.509 identity; "" when none. */
  signer: string;
  /** Set when the object could not be checked at all here, and why. */
  problem?: string;
}

const STATUS_REASONS: Record<string, string> = {
  B: 'its signature does not match what was signed (altered after signing)',
  U: 'it is signed by a key this checker does not trust (not in gpg.ssh.allowedSignersFile, or an OpenPGP key that is not valid in the keyring)',
  X: 'its signature has expired',
  Y: 'it is signed by an expired key',
  R: 'it is signed by a revoked key',
  E: 'its signature cannot be checked here (the key is missing from gpg.ssh.allowedSignersFile or the GPG keyring, or gpg failed)',
  N: 'the signed object carries no signature',
};

export interface SignedReviewContext {
  /** The commit being judged, and its patch id now. */
  commit: string;
  currentPatch?: string;
  /** The canonical person behind an address (mailmap applied). */
  identity: (email: string) => string;
}

/**
 * Why a signed review does not count, or undefined when it does: git found the signature good
 * (a trusted key), the signer is the reviewer, the signed payload names this commit and its
 * current patch id, and the review entry says what was signed (nothing edited afterwards).
 */
export function signedReviewProblem(review: Review, check: SignatureCheck | undefined, context: SignedReviewContext): string | undefined {
  if (!review.signature) return 'it is not signed (review again with --sign)';
  if (!check) return 'its signature was not checked';
  if (check.problem) return check.problem;
  if (check.status !== 'G') return STATUS_REASONS[check.status] ?? `git reports its signature as "${quoted(check.status)}"`;
  const payload = parseReviewPayload(objectMessage(review.signature) ?? '');
  if (!payload) return 'the signed object is not a git-provenance review';
  if (!check.signer) return 'git names no signer for its signature';
  if (!sameMailbox(context.identity(check.signer), context.identity(payload.by))) {
    return `it is signed by ${quotedIfOdd(check.signer)}, not by the reviewer ${quotedIfOdd(payload.by)}`;
  }
  if (payload.by !== review.by || payload.at !== review.at || payload.patch !== (review.patch ?? '')) {
    return `the review entry does not match what was signed (signed: by ${quotedIfOdd(payload.by)} at ${quoted(payload.at)}); it was edited after signing`;
  }
  if (payload.commit !== context.commit) {
    return `the signature is for commit ${payload.commit.slice(0, 12)}, not this one (copied, or the commit was amended or rebased); review again with --sign`;
  }
  if (context.currentPatch !== undefined && payload.patch !== context.currentPatch) {
    return `the commit's content changed after the signed review (signed patch ${payload.patch.slice(0, 12) || 'empty'}, now ${context.currentPatch.slice(0, 12) || 'empty'}); review again with --sign`;
  }
  return undefined;
}

/** An address as written when it is plain, else quoted with its odd characters escaped. */
export function quotedIfOdd(email: string): string {
  return /^[\x21-\x7e]+$/.test(email) ? email : quoted(email);
}
