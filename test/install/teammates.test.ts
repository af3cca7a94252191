// Teammates and worktrees: the package manager's `prepare` step gives a fresh clone the hooks and
// the notes config; new worktrees are recorded in both install modes; uninstall in a clone
// without the install record never deletes the team's committed files.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TempRepo, cleanupTempDirs, run, tempDir } from '../helpers/repo.ts';
import { EXPLAIN, captureEnv, commit, note, stageFile } from '../capture/helpers.ts';

test.after.each(() => cleanupTempDirs());

const RECORD = { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN };

/** node_modules as `npm install` leaves it: git-provenance and husky, not on PATH. */
function linkNodeModules(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'git-provenance'));
  symlinkSync(join(ROOT, 'node_modules', 'husky'), join(dir, 'node_modules', 'husky'));
  symlinkSync(join(ROOT, 'bin', 'git-provenance'), join(dir, 'node_modules', '.bin', 'git-provenance'));
}

/** Adds a worktree on a new branch, commits there with the hooks, checks the note; returns its folder. */
function commitInNewWorktree(repo: TempRepo): string {
  const worktree = join(tempDir('gp-wt-'), 'feature');
  repo.git('worktree', 'add', '-q', '-b', 'feature', worktree);
  const made = run('setsid', ['-w', 'git', 'commit', '-q', '--allow-empty', '-m', 'in the worktree'], {
    cwd: worktree,
    env: { ...repo.env, ...RECORD },
    input: '',
  });
  assert.is(made.status, 0, made.stderr);
  assert.is(note(repo, 'feature')?.level, 'assisted', 'the worktree commit is recorded');
  return worktree;
}

function huskyProject(): TempRepo {
  const repo = new TempRepo();
  captureEnv(repo);
  // No global install: the hooks must find the CLI in node_modules.
  repo.env.PATH = repo.env.PATH!.split(':').slice(1).join(':');
  repo.write('package.json', `${JSON.stringify({ name: 'app', version: '1.0.0' }, null, 2)}\n`);
  repo.write('.gitignore', 'node_modules\n');
  linkNodeModules(repo.dir);
  const installed = repo.cli(['install']);
  assert.is(installed.status, 0, installed.stderr);
  repo.git('add', '-A');
  assert.is(commit(repo, ['-q', '-m', 'install git-provenance'], RECORD).status, 0);
  return repo;
}

test('husky mode: a new worktree is recorded (no .husky/_ or node_modules of its own)', () => {
  const repo = huskyProject();
  const worktree = commitInNewWorktree(repo);
  assert.not.ok(existsSync(join(worktree, '.husky', '_')));
  const doctor = repo.cli(['doctor'], { cwd: worktree });
  assert.is(doctor.status, 0, doctor.stdout);
});

test('hooks-path mode: a new worktree is recorded', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  assert.is(repo.cli(['install']).status, 0);
  repo.git('add', '-A');
  assert.is(commit(repo, ['-q', '-m', 'hooks'], RECORD).status, 0);
  commitInNewWorktree(repo);
});

test("a fresh teammate clone: the prepare step gives hooks and notes config; uninstall there keeps the team's files", () => {
  const origin = huskyProject();
  const pkg = JSON.parse(readFileSync(join(origin.dir, 'package.json'), 'utf8'));
  assert.is(pkg.scripts.prepare, 'git-provenance install --prepare');

  const clone = new TempRepo({ init: false, dir: join(tempDir('gp-clone-'), 'app') });
  clone.env = { ...origin.env, HOME: clone.home };
  run('git', ['clone', '-q', origin.dir, clone.dir], { env: clone.env });
  linkNodeModules(clone.dir);
  // What `npm install` runs in the clone: the prepare script, with node_modules/.bin on PATH.
  const prepared = run('sh', ['-c', pkg.scripts.prepare], {
    cwd: clone.dir,
    env: { ...clone.env, PATH: `${join(clone.dir, 'node_modules', '.bin')}:${clone.env.PATH}` },
  });
  assert.is(prepared.status, 0, prepared.stderr);
  assert.is(clone.git('config', 'notes.rewriteRef').trim(), 'refs/notes/provenance');
  assert.match(clone.git('config', '--get-all', 'remote.origin.fetch'), /refs\/notes\/provenance\*/);
  assert.match(clone.git('config', 'core.hooksPath').trim(), /\.husky\/_$/);
  assert.is(run('git', ['status', '--porcelain'], { cwd: clone.dir, env: clone.env }).stdout, '', 'prepare writes no file');

  stageFile(clone, 'b.txt', 'b\n');
  assert.is(commit(clone, ['-q', '-m', 'teammate'], RECORD).status, 0);
  assert.is(note(clone)?.level, 'assisted');
  const doctor = clone.cli(['doctor']);
  assert.is(doctor.status, 0, doctor.stdout);

  const removed = clone.cli(['uninstall']);
  assert.is(removed.status, 0, removed.stderr);
  assert.match(removed.stderr, /kept \d+ hook files install did not write from this clone/);
  assert.is(run('git', ['status', '--porcelain'], { cwd: clone.dir, env: clone.env }).stdout, '', 'no committed file deleted or emptied');
  assert.is(clone.gitResult(['config', 'notes.rewriteRef']).status, 1, 'the notes config is undone');
});

test.run();
