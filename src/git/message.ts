// The message file of the commit being made: its trailers as git reads them, and writing them.

import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseTrailerLines, type Trailer } from '../model/trailers.ts';
import { remember, type Repo } from './repo.ts';
import { git, gitText } from './run.ts';

/**
 * Trailers of a message file as git itself reads them (comments and the scissors line ignored).
 * `text` is the file's content: an answer asked ahead for the same content is reused.
 */
export function messageTrailers(repo: Repo, file: string, text: string): Trailer[] {
  return parseTrailerLines(remember(repo, trailersQuestion(file, text), () => gitText(trailersArgs(file), { cwd: repo.cwd })));
}

export const trailersQuestion = (file: string, text: string) => `trailers:${file}\0${text}`;
export const trailersArgs = (file: string) => ['interpret-trailers', '--parse', '--', file];

/**
 * Writes trailers into a message file in place. `--if-exists replace` makes it idempotent (the
 * default would append a second line with another value). Values must already be one safe line.
 */
export function writeMessageTrailers(repo: Repo, file: string, trailers: readonly Trailer[]): void {
  if (!trailers.length) return;
  const args = ['interpret-trailers', '--in-place', '--if-exists', 'replace', '--if-missing', 'add', '--where', 'end'];
  for (const { key, value } of trailers) args.push('--trailer', `${key}: ${value}`);
  args.push(file);
  git(args, { cwd: repo.cwd });
  // On an empty message (an editor is about to open) git writes one empty line before the
  // trailers: a subject typed on that line would swallow them. Leave two, as `commit -s` does.
  const path = isAbsolute(file) ? file : join(repo.cwd, file);
  const written = readFileSync(path, 'utf8');
  if (written.startsWith(`\n${trailers[0].key}: `)) writeFileSync(path, `\n${written}`);
}
