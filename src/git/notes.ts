// Notes read in bulk: the list of annotated commits once, each note's text on demand.

import { gitLines } from './run.ts';
import type { Repo } from './repo.ts';
import { git } from './run.ts';

/** commit id → note blob id, for every note under `ref` (empty when the ref does not exist). */
export async function listNotes(repo: Repo, ref: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!notesTip(repo, ref)) return out;
  for await (const line of gitLines(['notes', `--ref=${ref}`, 'list'], { cwd: repo.cwd })) {
    const [blob, commit] = line.split(' ');
    if (blob && commit) out.set(commit, blob);
  }
  return out;
}

/** The commit the notes ref points at, or undefined when there is none. */
export function notesTip(repo: Repo, ref: string): string | undefined {
  const result = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo.cwd, okCodes: [1, 128] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
