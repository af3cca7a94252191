// `git blame --porcelain`, streamed and parsed: for each line of the file, the commit that last
// changed it and the line's number and path in that commit. git applies blame.ignoreRevsFile
// (and blame.markIgnoredLines etc.) from the configuration itself.

import { unquotePath } from './history.ts';
import type { Repo } from './repo.ts';
import { gitLines } from './run.ts';

export interface BlamedLine {
  /** Line number in the blamed revision's file, 1-based. */
  line: number;
  commit: string;
  /** The line's number in `commit`'s version of the file. */
  originalLine: number;
  /** The file's path in `commit`. */
  originalPath: string;
  /** The line's text (without its newline). */
  text: string;
}

export interface BlameRequest {
  path: string;
  rev?: string;
  /** `-L` ranges as git takes them (`10,20`, `/regex/,+5`). */
  ranges?: string[];
}

const HEADER = /^([0-9a-f]{40,64}) (\d+) (\d+)(?: \d+)?$/;

/** The blamed lines in file order, streamed from one `git blame --porcelain` process. */
export async function* blameLines(repo: Repo, request: BlameRequest): AsyncGenerator<BlamedLine> {
  const args = ['-c', 'core.quotePath=false', 'blame', '--porcelain'];
  for (const range of request.ranges ?? []) args.push('-L', range);
  if (request.rev) args.push(request.rev);
  args.push('--', request.path);
  const paths = new Map<string, string>();
  let current: { commit: string; originalLine: number; line: number } | undefined;
  for await (const raw of gitLines(args, { cwd: repo.cwd })) {
    if (current) {
      if (raw.startsWith('\t')) {
        yield { ...current, originalPath: paths.get(current.commit) ?? request.path, text: raw.slice(1) };
        current = undefined;
      } else if (raw.startsWith('filename ')) {
        paths.set(current.commit, unquotePath(raw.slice(9)));
      }
      continue;
    }
    const match = HEADER.exec(raw);
    if (match) current = { commit: match[1], originalLine: Number(match[2]), line: Number(match[3]) };
  }
}
