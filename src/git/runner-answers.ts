// Answers to git questions that the hook runner (hooks/git-provenance.sh) asked before starting
// node: a process started from the shell costs a few ms, one started from node several times that
// (node's fork), and the shell's run while node is still starting, on the other core. Each answer
// is two files in the git directory, `provenance-answers.<pid>.<name>` (git's stdout) and
// `….<name>.status` (its exit code, written after): the name says which question, the pid is the
// hook process (the runner `exec`s node, so it is this process's pid).

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { removeFile, type Repo } from './repo.ts';

export const ANSWERS_PREFIX = 'provenance-answers.';
/** Set by the runner to `<git dir>/provenance-answers.<pid>` when it asked. */
export const ANSWERS_VARIABLE = 'GIT_PROVENANCE_ANSWERS';

export interface RunnerAnswers {
  /** git's stdout when it succeeded; undefined when it failed or did not answer in time. */
  take(name: string, waitMs: number): Promise<string | undefined>;
  /** Removes every answer file of this run (waiting for questions still running, up to `waitMs`). */
  discard(waitMs: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The runner's answers for this process, or undefined when it asked nothing (or the variable is not ours). */
export function runnerAnswers(repo: Repo, env: NodeJS.ProcessEnv, asked: readonly string[]): RunnerAnswers | undefined {
  const prefix = join(repo.gitDir, `${ANSWERS_PREFIX}${process.pid}`);
  const given = env[ANSWERS_VARIABLE];
  // The runner names it relative to the work tree's top (where hooks run) or absolutely.
  if (given === undefined || resolve(repo.cwd, given) !== prefix) return undefined;
  const files = (name: string) => ({ output: `${prefix}.${name}`, status: `${prefix}.${name}.status` });
  let stopped = false;
  const polls = new Map<string, Promise<string | undefined>>();
  /** git's exit code once the runner wrote it; one poll per question, shared by every caller. */
  const settled = (name: string, waitMs: number): Promise<string | undefined> => {
    let poll = polls.get(name);
    if (!poll) {
      poll = (async () => {
        const deadline = Date.now() + waitMs;
        while (!stopped) {
          // The status is written in one write after git exits: ending in a newline means done.
          try {
            const code = readFileSync(files(name).status, 'utf8');
            if (code.endsWith('\n')) return code.trim();
          } catch {
            // Not written yet.
          }
          if (Date.now() >= deadline) return undefined;
          await sleep(2);
        }
        return undefined;
      })();
      polls.set(name, poll);
    }
    return poll;
  };
  return {
    async take(name, waitMs) {
      const code = await settled(name, waitMs);
      if (code !== '0') return undefined;
      try {
        return readFileSync(files(name).output, 'utf8');
      } catch {
        return undefined;
      }
    },
    async discard(waitMs) {
      let timer: NodeJS.Timeout | undefined;
      const waited = Promise.all(asked.map((name) => settled(name, waitMs)));
      await Promise.race([waited, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
      // Polls still running (a question that never answered) end here, so node can exit.
      stopped = true;
      for (const name of asked) {
        const { output, status } = files(name);
        removeFile(output);
        removeFile(status);
      }
    },
  };
}

/** Removes answer files a run that ended early left behind (another pid's, so not this run's). */
export function sweepStaleAnswers(repo: Repo): void {
  const own = `${ANSWERS_PREFIX}${process.pid}.`;
  let names: string[];
  try {
    names = readdirSync(repo.gitDir).filter((name) => name.startsWith(ANSWERS_PREFIX) && !name.startsWith(own));
  } catch {
    return;
  }
  for (const name of names) removeFile(join(repo.gitDir, name));
}
