// A repository under the example config of the foundation issue, with a bare remote and hook
// shims that call the built binary (what capture's install will write), for the zone tests.

import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, run, TempRepo, type RunResult } from '../helpers/repo.ts';

export const EXAMPLE_CONFIG = `levels: [none, assisted, generated]      # least to most AI; "unknown" is implicit
explanation:
  requiredFor: [assisted, generated]
  minLength: 20
services:                                # service name -> path globs
  api: ["services/api/**"]
  web: ["services/web/**"]
zones:                                   # the LAST zone whose paths match a file wins (as in CODEOWNERS)
  - name: ai-friendly
    paths: ["**"]
    allow: [none, assisted, generated]
  - name: reviewed
    paths: ["services/**"]
    allow: [none, assisted, generated]
    reviewRequiredFor: [generated]
    reviewers: ["lead@example.com"]
  - name: human-only
    paths: ["services/*/auth/**", "libs/payments/**"]
    allow: [none]
unknown: allow                           # or "refuse": commits with no record at push/check
budgets:
  - service: api
    maxAiShare: 0.4
    windowDays: 30
rework:
  windowDays: 14
  fixPattern: "\\\\b(fix|fixes|fixed|bug|hotfix|revert)\\\\b"   # matched against the subject, case-insensitive
ignore: ["**/package-lock.json", "**/*.min.js", "dist/**"]
`;

export function lines(count: number, prefix = 'line'): string {
  return `${Array.from({ length: count }, (_, i) => `${prefix} ${i}`).join('\n')}\n`;
}

export function installShims(repo: TempRepo, hooks: readonly string[] = ['commit-msg', 'pre-push']): void {
  for (const hook of hooks) {
    const file = join(repo.dir, '.git', 'hooks', hook);
    writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" hook ${hook} "$@"\n`);
    chmodSync(file, 0o755);
  }
}

export interface ZonedRepo {
  repo: TempRepo;
  remote: TempRepo;
  /** Commits with the given level (none → plain human commit with a trailer); the hooks run. */
  commit(message: string, files: Record<string, string | null>, level?: string, args?: string[]): RunResult;
  push(...args: string[]): RunResult;
  remoteHead(ref?: string): string;
}

/**
 * The example config committed on main with 100 human lines in services/api (so the api budget
 * of 40% has room), pushed to a bare remote, and the hook shims installed.
 */
export function zonedRepo(config: string = EXAMPLE_CONFIG, options: { hooks?: string[] } = {}): ZonedRepo {
  const remote = new TempRepo({ bare: true });
  const repo = new TempRepo();
  repo.commit(
    'Initial layout',
    {
      '.provenance.yml': config,
      'README.md': 'hello\n',
      'services/api/server.ts': lines(100, 'server'),
      'services/api/auth/token.ts': 'export const token = 1;\n',
      'libs/payments/charge.ts': 'export const charge = 1;\n',
    },
    { args: ['--trailer', 'AI-Assistance: none'], date: '2026-02-01T00:00:00Z' },
  );
  repo.git('remote', 'add', 'origin', remote.dir);
  repo.git('push', '-q', 'origin', 'main');
  installShims(repo, options.hooks);
  let tick = 0;
  const zoned: ZonedRepo = {
    repo,
    remote,
    commit(message, files, level, args = []) {
      for (const [path, content] of Object.entries(files)) {
        if (content === null) repo.git('rm', '-q', '--', path);
        else repo.write(path, content);
      }
      repo.git('add', '-A');
      const date = new Date(Date.UTC(2026, 1, 1) + ++tick * 60_000).toISOString();
      // The capture check (commit-msg, before the zone gate) wants an explanation for AI levels.
      const explained = level && level !== 'none' ? ['--trailer', 'AI-Explanation: Test change written to exercise the zone rules'] : [];
      const trailer = level ? ['--trailer', `AI-Assistance: ${level}`, ...explained] : [];
      return run('git', ['commit', '-q', '-m', message, ...trailer, ...args], {
        cwd: repo.dir,
        env: { ...repo.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    },
    push(...args) {
      return repo.gitResult(['push', ...args]);
    },
    remoteHead(ref = 'refs/heads/main') {
      return remote.gitResult(['rev-parse', '--verify', '--quiet', ref]).stdout.trim();
    },
  };
  return zoned;
}

/** Table output wraps long cells: compare text with runs of whitespace collapsed. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
