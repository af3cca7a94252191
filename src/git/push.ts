// What a push adds: the commits each pushed ref brings (pre-push, client side) or each received
// ref update brings (pre-receive, server side), as ranges listed like any other range.

import { remoteNameFor } from './config.ts';
import { isNotesRef } from './notes.ts';
import type { Repo } from './repo.ts';
import { emptyTree, peelToCommits, rangeCommits, type RefExclusion } from './revisions.ts';
import { git, gitText } from './run.ts';

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
 * updated yet while pre-receive runs). Every ref counts — branches, tags, notes and any other —
 * so that a commit cannot enter through one ref unchecked and be promoted through another
 * later ("already on the server"). On a notes ref, commits that only add, change or remove
 * notes are left out (they hold no code); any other commit there is checked like the rest.
 * Deletions add nothing.
 */
export function commitsForReceive(repo: Repo, text: string): string[] {
  const updates = text
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((parts) => parts.length === 3 && !isZeroOid(parts[1]));
  const peeled = peelToCommits(
    repo,
    updates.map(([, next]) => next),
  );
  const ranges: { end: string; exclude: string[]; excludeRefs?: RefExclusion }[] = [];
  const notesRanges: typeof ranges = [];
  updates.forEach(([old, , ref], i) => {
    const next = peeled[i];
    if (!next) return;
    (isNotesRef(ref) ? notesRanges : ranges).push(isZeroOid(old) ? { end: next, exclude: [], excludeRefs: '--all' } : { end: next, exclude: [old] });
  });
  const commits = unionOfRanges(repo, ranges);
  const known = new Set(commits);
  for (const commit of unionOfRanges(repo, notesRanges)) {
    if (!known.has(commit) && !onlyChangesNotes(repo, commit)) {
      known.add(commit);
      commits.push(commit);
    }
  }
  return commits;
}

/** A notes tree path: the annotated object's id in hex, fanned out in two-character folders. */
const NOTE_PATH = /^(?:[0-9a-f]{2}\/)*[0-9a-f]{2,64}$/;

/**
 * True when a commit changes nothing but note paths against its first parent (or the empty
 * tree). One `diff-tree` per commit, given two trees, so its output is paths only: no header a
 * crafted file name could imitate.
 */
function onlyChangesNotes(repo: Repo, commit: string): boolean {
  const parent = git(['rev-parse', '--verify', '--quiet', `${commit}^1`], { cwd: repo.cwd, okCodes: [1] }).stdout.trim();
  const paths = gitText(['-c', 'core.quotePath=false', 'diff-tree', '-r', '--name-only', '-z', '--no-renames', parent || emptyTree(repo), commit], {
    cwd: repo.cwd,
  })
    .split('\0')
    .filter(Boolean);
  return paths.every((path) => NOTE_PATH.test(path) && [40, 64].includes(path.replace(/\//g, '').length));
}
