// The commit message file a hook was given, read once per hook run: its text and git's own
// reading of its trailers, decoded once. Capture and the zone gate both receive this value.

import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { CommitIdentity } from '../../../model/inference.ts';
import { decodeTrailers, type DecodedTrailers, type Trailer } from '../../../model/trailers.ts';
import { commitIdents } from '../../../git/config.ts';
import { messageTrailers } from '../../../git/message.ts';
import type { Repo } from '../../../git/repo.ts';

export interface CommitMessage {
  /** The file as git named it (shown to the user). */
  file: string;
  /** The file's absolute path. */
  path: string;
  text: string;
  trailers: Trailer[];
  decoded: DecodedTrailers;
}

/** Hooks get the message file relative to the work tree's top (where git runs them). */
export function messagePath(repo: Repo, file: string): string {
  return isAbsolute(file) ? file : join(repo.cwd, file);
}

export function readCommitMessage(repo: Repo, file: string): CommitMessage {
  const path = messagePath(repo, file);
  const text = readFileSync(path, 'utf8');
  const trailers = messageTrailers(repo, path, text);
  return { file, path, text, trailers, decoded: decodeTrailers(trailers) };
}

/** The commit being made, as inference sees it: who authors and commits it, and its message. */
export function commitIdentity(repo: Repo, message: CommitMessage): CommitIdentity {
  const idents = commitIdents(repo);
  return {
    authorName: idents.author.name,
    authorEmail: idents.author.email,
    committerName: idents.committer.name,
    committerEmail: idents.committer.email,
    message: message.text,
    trailers: message.trailers,
  };
}
