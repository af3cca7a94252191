// What a push adds: the commits each pushed ref brings (pre-push, client side) or each received
// ref update brings (pre-receive, server side), as ranges listed like any other range.

import { remoteNameFor } from './config.ts';
import { isNotesRef } from './notes.ts';
import type { Repo } from './repo.ts';
import { peelToCommits, rangeCommits, type RefExclusion } from './revisions.ts';

export interface PushedRef {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

/** Parses pre-push stdin: "<local ref> <local oid> <remote ref> <remote oid>" per line. */
export function parsePushInput(text: string): PushedRef[] {
  const out: PushedRef[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length !== 4) continue;
    const [localRef, localOid, remoteRef, remoteOid] = parts;
    out.push({ localRef, localOid, remoteRef, remoteOid });
  }
  return out;
}

const isZeroOid = (oid: string) => /^0+$/.test(oid);

/** The refs of a push that can add commits: deletions and notes refs are skipped. */
export function refsAddingCommits(refs: readonly PushedRef[]): PushedRef[] {
  return refs.filter((ref) => !isZeroOid(ref.localOid) && !isNotesRef(ref.remoteRef) && !isNotesRef(ref.localRef));
}

/** The commits of several ranges, oldest first within each, without duplicates. */
function unionOfRanges(repo: Repo, ranges: readonly { end: string; exclude: string[]; excludeRefs?: RefExclusion }[]): string[] {
  const seen = new Set<string>();
  const commits: string[] = [];
  for (const range of ranges) {
    for (const commit of rangeCommits(repo, range, range.excludeRefs)) {
      if (!seen.has(commit)) {
        seen.add(commit);
        commits.push(commit);
      }
    }
  }
  return commits;
}

/**
 * Every commit a push would add to the remote, oldest first, without duplicates: for each ref,
 * `<local> ^<remote>` when the remote's commit is known here, else everything not on any of the
 * remote's tracking branches (a new branch, or a remote ahead of our last fetch).
 */
export function commitsForPush(repo: Repo, remoteOrUrl: string, refs: readonly PushedRef[]): { commits: string[]; tips: string[] } {
  const adding = refsAddingCommits(refs);
  const peeled = peelToCommits(
    repo,
    adding.flatMap((ref) => [ref.localOid, isZeroOid(ref.remoteOid) ? ref.localOid : ref.remoteOid]),
  );
  const remote = remoteNameFor(repo, remoteOrUrl);
  const ranges: { end: string; exclude: string[]; excludeRefs?: RefExclusion }[] = [];
  adding.forEach((ref, i) => {
    const local = peeled[2 * i];
    if (!local) return; // a tag of a tree or blob adds no commit
    const remoteCommit = isZeroOid(ref.remoteOid) ? undefined : peeled[2 * i + 1];
    ranges.push(
      remoteCommit ? { end: local, exclude: [remoteCommit] } : { end: local, exclude: [], excludeRefs: remote ? `--remotes=${remote}` : '--remotes' },
    );
  });
  return { commits: unionOfRanges(repo, ranges), tips: ranges.map((range) => range.end) };
}

// --- what a push adds (pre-receive, server side) ----------------------------------------------

/**
 * Every commit a receiving repository would gain, from pre-receive stdin ("<old> <new> <ref>"
 * per line): `<new> ^<old>` for an update, `<new> --not --all` for a new ref (the refs are not
 * updated yet while pre-receive runs). Deletions and notes refs are skipped.
 */
export function commitsForReceive(repo: Repo, text: string): string[] {
  const updates = text
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((parts) => parts.length === 3 && !isZeroOid(parts[1]) && !isNotesRef(parts[2]));
  const peeled = peelToCommits(
    repo,
    updates.map(([, next]) => next),
  );
  const ranges: { end: string; exclude: string[]; excludeRefs?: RefExclusion }[] = [];
  updates.forEach(([old], i) => {
    const next = peeled[i];
    if (next) ranges.push(isZeroOid(old) ? { end: next, exclude: [], excludeRefs: '--all' } : { end: next, exclude: [old] });
  });
  return unionOfRanges(repo, ranges);
}
