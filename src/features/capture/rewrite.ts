// post-rewrite's input and the squash chains of `rebase -i`, parsed from text git writes.

/** Commits amended while a rebase was stopped (`edit`), as `old new` lines of post-rewrite. */
export const REBASE_AMENDS_FILE = 'provenance-rebase-amends';

/** `old new [extra]` lines, grouped by new commit in first-seen order. */
export function parseRewrites(input: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const line of input.split('\n')) {
    const [oldCommit, newCommit] = line.trim().split(/\s+/);
    if (!oldCommit || !newCommit || !/^[0-9a-f]{4,}$/i.test(oldCommit) || !/^[0-9a-f]{4,}$/i.test(newCommit)) continue;
    const olds = groups.get(newCommit) ?? [];
    if (!olds.includes(oldCommit)) olds.push(oldCommit);
    groups.set(newCommit, olds);
  }
  return groups;
}

const PICKS = new Set(['pick', 'p', 'reword', 'r', 'edit', 'e']);
const FOLDS = new Set(['fixup', 'f', 'squash', 's']);

/**
 * The commits being folded together right now, from `rebase-merge/done`: the last pick and the
 * fixup/squash lines after it (`fixup -C <oid>` included). Empty when the last line is no fold.
 */
export function currentSquashChain(done: string): string[] {
  const lines = done
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const chain: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const words = lines[i].split(/\s+/);
    const command = words[0];
    const oid = words.slice(1).find((word) => /^[0-9a-f]{7,}$/i.test(word));
    if (FOLDS.has(command) && oid) {
      chain.unshift(oid);
      continue;
    }
    if (PICKS.has(command) && oid && chain.length) {
      chain.unshift(oid);
      return chain;
    }
    return [];
  }
  return [];
}
