// `install`, `uninstall` and `doctor` on real repositories: a committed .githooks folder with
// core.hooksPath, husky in a package.json repository, hooks that were there before.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, TempRepo, cleanupTempDirs } from '../helpers/repo.ts';
import { EXPLAIN, captureEnv, commit, note, stageFile, trailers } from './helpers.ts';

test.after.each(() => cleanupTempDirs());

/** Every file under the work tree (not .git), with its content: "the repository as it was". */
function snapshot(repo: TempRepo): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) {
        out[`${relative(repo.dir, path)}/`] = '';
        walk(path);
      } else out[relative(repo.dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(repo.dir);
  return out;
}

function localConfig(repo: TempRepo): string[] {
  return repo.git('config', '--local', '--list').trim().split('\n').sort();
}

test('core.hooksPath install in a repository without package.json: dry run, install, re-install, uninstall', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  repo.git('remote', 'add', 'origin', 'https://example.com/team/app.git');
  const filesBefore = snapshot(repo);
  const configBefore = localConfig(repo);

  const dry = repo.cli(['install', '--dry-run']);
  assert.is(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /would: git config core\.hooksPath \.githooks/);
  assert.match(dry.stdout, /would: git config --add remote\.origin\.fetch \+refs\/notes\/provenance\*:refs\/notes\/remotes\/origin\/provenance\*/);
  assert.equal(snapshot(repo), filesBefore);
  assert.equal(localConfig(repo), configBefore);

  const installed = repo.cli(['install']);
  assert.is(installed.status, 0, installed.stderr);
  assert.match(installed.stdout, /each teammate then runs: git config core\.hooksPath \.githooks/);
  assert.is(repo.git('config', 'core.hooksPath').trim(), '.githooks');
  assert.is(repo.git('config', 'notes.rewriteRef').trim(), 'refs/notes/provenance');
  for (const hook of ['prepare-commit-msg', 'commit-msg', 'post-commit', 'post-rewrite', 'pre-push', 'git-provenance.sh']) {
    assert.ok(existsSync(join(repo.dir, '.githooks', hook)), hook);
  }
  const shim = readFileSync(join(repo.dir, '.githooks', 'commit-msg'), 'utf8');
  assert.ok(shim.split('\n').length <= 4, 'a shim is a few lines');
  const doctor = repo.cli(['doctor']);
  assert.is(doctor.status, 0, doctor.stdout);
  assert.match(doctor.stdout, /all good/);

  const filesInstalled = snapshot(repo);
  const configInstalled = localConfig(repo);
  const again = repo.cli(['install']);
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stdout, /already installed/);
  assert.equal(snapshot(repo), filesInstalled);
  assert.equal(localConfig(repo), configInstalled);

  const removed = repo.cli(['uninstall']);
  assert.is(removed.status, 0, removed.stderr);
  assert.equal(snapshot(repo), filesBefore);
  assert.equal(localConfig(repo), configBefore);
  const doctorAfter = repo.cli(['doctor']);
  assert.is(doctorAfter.status, 1);
  assert.match(doctorAfter.stdout, /fix: run `git-provenance install`/);
});

test('hooks that were there before are kept and chained, never overwritten', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  const log = join(repo.home, 'legacy.log');
  const legacy = join(repo.dir, '.git', 'hooks', 'commit-msg');
  writeFileSync(legacy, `#!/bin/sh\necho "legacy commit-msg $1" >> '${log}'\n`, { mode: 0o755 });
  writeFileSync(join(repo.dir, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\necho "legacy pre-commit" >> '${log}'\n`, { mode: 0o755 });
  // A team's own committed hooks folder, already in use.
  mkdirSync(join(repo.dir, 'tools', 'hooks'), { recursive: true });
  const teamHook = join(repo.dir, 'tools', 'hooks', 'pre-push');
  writeFileSync(teamHook, `#!/bin/sh\necho team pre-push\n`, { mode: 0o755 });
  repo.git('config', 'core.hooksPath', 'tools/hooks');
  const installed = repo.cli(['install']);
  assert.is(installed.status, 0, installed.stderr);
  assert.match(installed.stdout, /add the git-provenance line on top of the existing tools\/hooks\/pre-push/);
  assert.match(readFileSync(teamHook, 'utf8'), /^#!\/bin\/sh\n# git-provenance: .*\n.*GIT_PROVENANCE_CHAINED.*\necho team pre-push\n$/);
  assert.ok(existsSync(join(repo.dir, 'tools', 'hooks', 'pre-commit')), 'a pre-commit file keeps .git/hooks/pre-commit running');

  stageFile(repo, 'a.txt', 'a\n');
  const made = commit(repo, ['-q', '-m', 'x'], { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN });
  assert.is(made.status, 0, made.stderr);
  assert.equal(readFileSync(log, 'utf8').trim().split('\n'), ['legacy pre-commit', 'legacy commit-msg .git/COMMIT_EDITMSG']);
  assert.is(note(repo)?.level, 'assisted');

  const removed = repo.cli(['uninstall']);
  assert.is(removed.status, 0, removed.stderr);
  assert.is(readFileSync(teamHook, 'utf8'), `#!/bin/sh\necho team pre-push\n`);
  assert.not.ok(existsSync(join(repo.dir, 'tools', 'hooks', 'commit-msg')));
  assert.is(repo.git('config', 'core.hooksPath').trim(), 'tools/hooks');
});

test('uninstall gives back a hand-formatted package.json byte for byte, and an edited one without our keys', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  const pkgText = `{ "name": "app", "scripts": {"prepare": "echo hi"}, "private": true }\n`;
  repo.write('package.json', pkgText);
  assert.is(repo.cli(['install']).status, 0);
  assert.is.not(readFileSync(join(repo.dir, 'package.json'), 'utf8'), pkgText);
  assert.is(repo.cli(['uninstall']).status, 0);
  assert.is(readFileSync(join(repo.dir, 'package.json'), 'utf8'), pkgText);

  assert.is(repo.cli(['install']).status, 0);
  const edited = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
  edited.version = '2.0.0';
  repo.write('package.json', JSON.stringify(edited));
  assert.is(repo.cli(['uninstall']).status, 0);
  const after = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
  assert.equal(after, { name: 'app', scripts: { prepare: 'echo hi' }, private: true, version: '2.0.0' });
});

test('husky install in a package.json repository; teammates get it with npm install; uninstall restores package.json', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  const pkgText = `{\n    "name": "app",\n    "version": "1.0.0",\n    "scripts": {\n        "test": "node test.js"\n    }\n}\n`;
  repo.write('package.json', pkgText);
  const configBefore = localConfig(repo);
  const installed = repo.cli(['install']);
  assert.is(installed.status, 0, installed.stderr);
  const pkg = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
  assert.is(pkg.scripts.prepare, 'git-provenance install --prepare');
  assert.ok(pkg.devDependencies['git-provenance']);
  assert.ok(pkg.devDependencies.husky);
  assert.match(readFileSync(join(repo.dir, 'package.json'), 'utf8'), /^\{\n {4}"name"/, 'keeps the indentation');
  // Absolute: a new worktree has no .husky/_ of its own (git-ignored).
  assert.is(repo.git('config', 'core.hooksPath').trim(), join(repo.dir, '.husky', '_'));
  assert.match(readFileSync(join(repo.dir, '.husky', 'commit-msg'), 'utf8'), /set -- commit-msg "\$@"; \. "\$\{0%\/\*\}\/git-provenance\.sh"/);

  // What `npm install` gives a teammate: the packages in node_modules. Here the hooks must find
  // git-provenance in node_modules, not on PATH.
  repo.env.PATH = repo.env.PATH!.split(':').slice(1).join(':');
  mkdirSync(join(repo.dir, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(repo.dir, 'node_modules', 'git-provenance'));
  symlinkSync(join(ROOT, 'node_modules', 'husky'), join(repo.dir, 'node_modules', 'husky'));
  repo.write('.gitignore', 'node_modules\n');
  repo.git('add', '-A');
  const made = commit(repo, ['-q', '-m', 'x'], { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN });
  assert.is(made.status, 0, made.stderr);
  assert.is(trailers(repo)['AI-Assistance'], 'assisted');
  assert.is(note(repo)?.level, 'assisted');

  // A fresh worktree has no .husky/_ until npm install runs there: doctor says so.
  const doctor = repo.cli(['doctor']);
  assert.is(doctor.status, 0, doctor.stdout);

  repo.git('rm', '-q', '--cached', '-r', '.husky', 'package.json', '.gitignore');
  const removed = repo.cli(['uninstall']);
  assert.is(removed.status, 0, removed.stderr);
  assert.is(readFileSync(join(repo.dir, 'package.json'), 'utf8'), pkgText);
  assert.not.ok(existsSync(join(repo.dir, '.husky')));
  assert.equal(localConfig(repo), configBefore);
});

test.run();
