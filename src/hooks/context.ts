import type { Repo } from '../git/repo.ts';

/** What a hook handler gets: git's arguments, the repository, and stdin read at most once. */
export interface HookContext {
  name: string;
  /** The arguments git passed to the hook. */
  args: string[];
  repo: Repo;
  env: NodeJS.ProcessEnv;
  /** The hook's standard input (pre-push refs, post-rewrite pairs); read once, then cached. */
  readStdin(): string;
}
