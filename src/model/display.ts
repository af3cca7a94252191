// How the program and commits are named to people. Pure, so model messages ("run
// git-provenance review <id>") and the terminal output of features say the same thing.

export const PROGRAM = 'git-provenance';

/** Characters of a commit id shown to people: unique in any repository a person reads. */
export const SHORT_ID_LENGTH = 12;

/** A commit id as people read it; a placeholder such as "(staged)" is kept whole. */
export function shortId(commit: string): string {
  return /^[0-9a-f]+$/.test(commit) ? commit.slice(0, SHORT_ID_LENGTH) : commit;
}
