// What the commit being made changes: the index (honours GIT_INDEX_FILE inside hooks) against
// HEAD, or against the empty tree before the first commit.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NoteImport } from '../model/pending-note.ts';
import type { FileChange } from './numstat.ts';
import { parseNumstatZ } from './numstat.ts';
import { remember, type Repo } from './repo.ts';
import { identityArgs, identityQuestion, parseIdent } from './config.ts';
import { trailersArgs, trailersQuestion } from './message.ts';
import { runnerAnswers, sweepStaleAnswers, type RunnerAnswers } from './runner-answers.ts';
import { emptyTree, headCommit } from './revisions.ts';
import { git, gitTextAsync, gitInBackground, gitText } from './run.ts';

function base(repo: Repo): string {
  return headCommit(repo) ?? emptyTree(repo);
}

const numstatArgs = (base: string) => ['-c', 'core.quotePath=false', 'diff-index', '--cached', '-M', '--numstat', '-z', base, '--'];
const nameStatusArgs = (base: string) => ['-c', 'core.quotePath=false', 'diff-index', '--cached', '-M', '--name-status', '-z', base, '--'];
const STAGED_CHANGES = 'staged-changes';
const STAGED_PATHS = 'staged-paths';
const TREE_AHEAD = 'write-tree-ahead';

export interface StagedCounts {
  /** The count: the one asked ahead, or git's answer to this call. */
  changes(): Promise<FileChange[]>;
  cancel(): void;
}

/**
 * Files staged in the index being committed, with line counts. Counting reads every staged blob
 * (1.7 s for 10,000 files), so git runs in the background while the caller goes on; await
 * `changes()` when they are needed. A count the hook runner asked ahead is taken over.
 */
export function stagedChanges(repo: Repo): StagedCounts {
  const ahead = repo.answers.get(STAGED_CHANGES) as StagedCounts | undefined;
  if (ahead) {
    repo.answers.delete(STAGED_CHANGES);
    return ahead;
  }
  const background = gitInBackground(numstatArgs(base(repo)), { cwd: repo.cwd });
  const changes = background.output.then(parseNumstatZ);
  return { changes: () => changes, cancel: background.cancel };
}

/**
 * The git questions a commit-msg hook asks, asked at once (each git start costs several ms; one
 * after the other they were a third of the hook): git's reading of the message's trailers, the
 * index's tree, the staged names and the author. The hook runner asks them itself before starting
 * node (runner-answers.ts), and the line count too unless the commit changes too many files to
 * count (MAX_COUNTED_FILES); otherwise they start here, together, and the count is left to
 * `stagedChanges`. `HEAD` is named rather than resolved first; before the first commit those
 * questions fail and are asked again, against the empty tree, when needed. Resolves once the
 * answers are remembered, except the tree's (`stagedTree` waits for it); a failure only leaves a
 * question unanswered.
 */
export async function askCommitQuestionsAhead(repo: Repo, messageFile: string, messageText: string, env: NodeJS.ProcessEnv): Promise<void> {
  const questions: { name: string; question: string; args: string[]; answer: (stdout: string) => unknown }[] = [
    { name: 'trailers', question: trailersQuestion(messageFile, messageText), args: trailersArgs(messageFile), answer: (stdout) => stdout },
    { name: 'names', question: STAGED_PATHS, args: nameStatusArgs('HEAD'), answer: parseNameStatusZ },
    { name: 'author', question: identityQuestion('author'), args: identityArgs('author'), answer: parseIdent },
  ];
  const fromRunner = runnerAnswers(repo, env, [...questions.map(({ name }) => name), 'tree', 'counts', 'committer']);
  sweepStaleAnswers(repo);
  const options = { cwd: repo.cwd };
  // The tree is needed last (for the note, after the gate): not waited for here.
  repo.answers.set(TREE_AHEAD, fromRunner ? fromRunner.take('tree', ANSWER_WAIT_MS) : gitTextAsync(['write-tree'], options).catch(() => undefined));
  if (fromRunner) {
    // Taken only when the note needs it: a count the runner did not make (too many files, or
    // git failed, as before the first commit) is then asked here.
    repo.answers.set(STAGED_CHANGES, {
      changes: async () => {
        const stdout = await fromRunner.take('counts', COUNT_WAIT_MS);
        return stdout === undefined ? parseNumstatZ(await gitInBackground(numstatArgs(base(repo)), options).output) : parseNumstatZ(stdout);
      },
      cancel: () => undefined,
    } satisfies StagedCounts);
    repo.answers.set(RUNNER_ANSWERS, fromRunner);
    // Only the runner asks who commits (from node, one more git start would cost more than it
    // saves); needed only once the note is written, so not waited for here either.
    repo.answers.set(COMMITTER_IDENT, fromRunner.take('committer', ANSWER_WAIT_MS));
  }
  await Promise.all(
    questions.map(async ({ name, question, args, answer }) => {
      const stdout = fromRunner ? await fromRunner.take(name, ANSWER_WAIT_MS) : await gitTextAsync(args, options).catch(() => undefined);
      if (stdout !== undefined) repo.answers.set(question, answer(stdout));
    }),
  );
}

const COMMITTER_IDENT = 'runner:committer-ident';

/**
 * What post-commit's runner needs to write the prepared note with one `git fast-import`
 * (src/model/pending-note.ts), when the runner asked who commits; undefined otherwise.
 * Whether the ref exists is read from its loose file, without a git start: a ref packed by
 * `git gc` (or kept in a reftable) reads as absent, and git then refuses the stream (its new
 * commit does not contain the ref's), so post-commit writes the note the slower way, once.
 */
export async function noteImportAhead(repo: Repo, ref: string): Promise<NoteImport | undefined> {
  const committer = (await (repo.answers.get(COMMITTER_IDENT) as Promise<string | undefined> | undefined))?.trim();
  if (!committer) return undefined;
  return { ref, committer, refExists: existsSync(join(repo.commonDir, ref)) };
}

/** How long to wait for the runner's answers before asking again: far above their cost, a safety net. */
const ANSWER_WAIT_MS = 10_000;
const COUNT_WAIT_MS = 120_000;
/** A refused commit waits this long at most for the runner to finish writing (leftovers are swept next time). */
const DISCARD_WAIT_MS = 5_000;
const RUNNER_ANSWERS = 'runner-answers';

/** Stops a line count asked ahead that nobody took (the commit was refused, or too large to count), and removes the runner's answer files. */
export async function dropStagedChangesAhead(repo: Repo): Promise<void> {
  (repo.answers.get(STAGED_CHANGES) as StagedCounts | undefined)?.cancel();
  repo.answers.delete(STAGED_CHANGES);
  // The runner's files go once its questions are done (it writes them until then).
  await (repo.answers.get(RUNNER_ANSWERS) as RunnerAnswers | undefined)?.discard(DISCARD_WAIT_MS);
  repo.answers.delete(RUNNER_ANSWERS);
}

export interface StagedPath {
  path: string;
  /** Set on renames. */
  oldPath?: string;
  status: string;
}

/**
 * Paths in the index being committed, with renames. Names only: line counts would make git read
 * every staged blob, which costs more than the whole gate.
 */
export function stagedPaths(repo: Repo): StagedPath[] {
  return remember(repo, STAGED_PATHS, () => parseNameStatusZ(gitText(nameStatusArgs(base(repo)), { cwd: repo.cwd })));
}

function parseNameStatusZ(text: string): StagedPath[] {
  const parts = text.split('\0');
  const out: StagedPath[] = [];
  for (let i = 0; i + 1 < parts.length; i++) {
    const status = parts[i];
    if (!status) continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const oldPath = parts[++i];
      const path = parts[++i];
      out.push(status.startsWith('R') ? { status: 'R', path, oldPath } : { status: 'C', path });
    } else {
      out.push({ status, path: parts[++i] });
    }
  }
  return out;
}

/** Every tracked path in the index, for the whole-tree summary of `zones`. */
export function trackedPaths(repo: Repo): string[] {
  return gitText(['-c', 'core.quotePath=false', 'ls-files', '-z'], { cwd: repo.cwd }).split('\0').filter(Boolean);
}

/** The tree of the index being committed: what HEAD^{tree} will be (asked ahead, or now). */
export async function stagedTree(repo: Repo): Promise<string> {
  const ahead = (await (repo.answers.get(TREE_AHEAD) as Promise<string | undefined> | undefined))?.trim();
  return ahead || (await gitTextAsync(['write-tree'], { cwd: repo.cwd })).trim();
}

/** The tree of HEAD (what a commit-msg `stagedTree` predicted), or undefined before the first commit. */
export function headTree(repo: Repo): string | undefined {
  const result = git(['rev-parse', '-q', '--verify', 'HEAD^{tree}'], { cwd: repo.cwd, okCodes: [1] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
