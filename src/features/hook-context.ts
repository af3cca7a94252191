// What a git hook's handler gets: git's arguments, the repository, stdin read at most once and
// the configuration loaded at most once, whichever of capture and the zone gates asks first.

import { readFileSync } from 'node:fs';
import type { Config } from '../model/config.ts';
import { openHookRepo, type Repo } from '../git/repo.ts';
import { loadConfig } from './config.ts';

export interface HookContext {
  name: string;
  /** The arguments git passed to the hook. */
  args: string[];
  repo: Repo;
  env: NodeJS.ProcessEnv;
  /** The hook's standard input (pre-push refs, post-rewrite pairs); read once, then kept. */
  readStdin(): string;
  /** `.provenance.yml` (or the defaults); loaded once per hook run, then kept. */
  config(): Promise<Config>;
}

export function createHookContext(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): HookContext {
  const repo = openHookRepo(process.cwd(), env);
  let stdin: string | undefined;
  let config: Promise<Config> | undefined;
  return {
    name,
    args,
    repo,
    env,
    readStdin: () => (stdin ??= readFileSync(0, 'utf8')),
    config: () => (config ??= loadConfig(repo).then((loaded) => loaded.config)),
  };
}
