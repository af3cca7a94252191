// Hooks that were there before install keep running, whatever they end with; a global
// core.hooksPath keeps running; personal hooks never become committed files; doctor tells the
// truth about hooks that cannot run or are never reached.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TempRepo, cleanupTempDirs, run, tempDir } from '../helpers/repo.ts';
import { EXPLAIN, captureEnv, commit, note, stageFile, trailers } from '../capture/helpers.ts';

test.after.each(() => cleanupTempDirs());

const RECORD = { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN };

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
}

/** A package.json repository whose husky hooks are its own, with git-provenance in node_modules. */
function huskyRepo(log: string): TempRepo {
  const repo = new TempRepo();
  captureEnv(repo);
  repo.write('package.json', `${JSON.stringify({ name: 'app', version: '1.0.0', scripts: { prepare: 'husky' } }, null, 2)}\n`);
  repo.write('.husky/pre-push', `echo "own pre-push $1" >> '${log}'\nexit 0\n`);
  repo.write('.husky/commit-msg', `echo "own commit-msg" >> '${log}'\nexec true\n`);
  mkdirSync(join(repo.dir, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(repo.dir, 'node_modules', 'git-provenance'));
  symlinkSync(join(ROOT, 'node_modules', 'husky'), join(repo.dir, 'node_modules', 'husky'));
  repo.write('.gitignore', 'node_modules\n');
  return repo;
}

test('husky hooks ending with `exit 0` and `exec`: theirs run, then ours (commit recorded, push gate and notes push run)', () => {
  const log = join(tempDir('gp-log-'), 'hooks.log');
  const repo = huskyRepo(log);
  const remote = new TempRepo({ bare: true });
  repo.git('remote', 'add', 'origin', remote.dir);
  // Husky was active before: nothing dormant is switched on.
  repo.git('config', 'core.hooksPath', '.husky/_');
  const installed = repo.cli(['install']);
  assert.is(installed.status, 0, installed.stderr);
  assert.not.match(installed.stderr, /switches on/);
  const prePush = readFileSync(join(repo.dir, '.husky', 'pre-push'), 'utf8');
  assert.match(prePush.split('\n')[1], /GIT_PROVENANCE_CHAINED/, 'our line comes before their exit');

  repo.git('add', '-A');
  const made = commit(repo, ['-q', '-m', 'first'], RECORD);
  assert.is(made.status, 0, made.stderr);
  assert.is(trailers(repo)['AI-Assistance'], 'assisted');
  assert.is(note(repo)?.level, 'assisted');
  assert.equal(lines(log), ['own commit-msg']);

  const pushed = run('git', ['push', '-q', 'origin', 'main'], { cwd: repo.dir, env: repo.env });
  assert.is(pushed.status, 0, pushed.stderr);
  assert.equal(lines(log), ['own commit-msg', 'own pre-push origin']);
  assert.ok(remote.git('for-each-ref', 'refs/notes/provenance').includes('refs/notes/provenance'), 'our pre-push ran: notes pushed');

  const doctor = repo.cli(['doctor']);
  assert.is(doctor.status, 0, doctor.stdout);

  // Uninstall gives their files back as they were.
  assert.is(repo.cli(['uninstall']).status, 0);
  assert.is(readFileSync(join(repo.dir, '.husky', 'pre-push'), 'utf8'), `echo "own pre-push $1" >> '${log}'\nexit 0\n`);
});

test('dormant husky hooks: install says which ones it switches on and how to keep them off', () => {
  const log = join(tempDir('gp-log-'), 'hooks.log');
  const repo = huskyRepo(log);
  repo.write('.husky/pre-commit', 'some-tool-this-machine-lacks\n');
  const dry = repo.cli(['install', '--dry-run']);
  assert.is(dry.status, 0, dry.stderr);
  assert.match(
    dry.stderr,
    /switches on .*\.husky\/pre-commit.*which did not run until now; to keep them off, move them out of \.husky\/ or install with --mode hooks-path/,
  );
});

test('a global core.hooksPath keeps running after install; personal hooks do not become committed files', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  const log = join(repo.home, 'hooks.log');
  const global = join(repo.home, 'org-hooks');
  mkdirSync(global, { recursive: true });
  writeFileSync(join(global, 'pre-commit'), `#!/bin/sh\necho "org scanner" >> '${log}'\n`, { mode: 0o755 });
  writeFileSync(join(global, 'commit-msg'), `#!/bin/sh\necho "org commit-msg" >> '${log}'\n`, { mode: 0o755 });
  repo.git('config', '--global', 'core.hooksPath', global);
  // A personal hook of a name install does not wire.
  writeFileSync(join(repo.dir, '.git', 'hooks', 'pre-auto-gc'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });

  const installed = repo.cli(['install']);
  assert.is(installed.status, 0, installed.stderr);
  assert.match(installed.stderr, /global core\.hooksPath .* keeps running in this repository/);
  assert.match(installed.stderr, /\.git\/hooks \(pre-auto-gc\) stop running/);
  assert.not.ok(existsSync(join(repo.dir, '.githooks', 'pre-auto-gc')), 'no committed file for a personal hook');

  stageFile(repo, 'a.txt', 'a\n');
  const made = commit(repo, ['-q', '-m', 'x'], RECORD);
  assert.is(made.status, 0, made.stderr);
  assert.equal(lines(log), ['org scanner', 'org commit-msg']);
  assert.is(note(repo)?.level, 'assisted');
});

test('doctor is truthful: a line after `exit`, and a CLI only npx can see', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  assert.is(repo.cli(['install']).status, 0);
  const good = repo.cli(['doctor']);
  assert.is(good.status, 0, good.stdout);

  // An older install appended its line after the hook's own `exit 0`.
  const file = join(repo.dir, '.githooks', 'pre-push');
  writeFileSync(file, `#!/bin/sh\necho mine\nexit 0\n${readFileSync(file, 'utf8').split('\n').slice(1).join('\n')}`, { mode: 0o755 });
  const unreachable = repo.cli(['doctor']);
  assert.is(unreachable.status, 1, unreachable.stdout);
  assert.match(unreachable.stdout, /pre-push: .* never reaches the git-provenance line \(line 3 is `exit 0`\)/);
  assert.is(repo.cli(['install']).status, 0);
  assert.is(repo.cli(['doctor']).status, 0, 'install puts the line on top');
  assert.match(readFileSync(file, 'utf8'), /^#!\/bin\/sh\n# git-provenance.*\n.*GIT_PROVENANCE_CHAINED.*\necho mine\nexit 0\n$/);

  // Run through npx: the CLI is only on npx's PATH, never on the hooks'.
  const npxBin = join(repo.home, '.npm', '_npx', 'abc', 'node_modules', '.bin');
  mkdirSync(npxBin, { recursive: true });
  symlinkSync(join(ROOT, 'bin', 'git-provenance'), join(npxBin, 'git-provenance'));
  const path = [npxBin, ...repo.env.PATH!.split(':').slice(1)].join(':');
  const viaNpx = repo.cli(['doctor'], { env: { PATH: path } });
  assert.is(viaNpx.status, 1, viaNpx.stdout);
  assert.match(viaNpx.stdout, /the hooks cannot run from a clean shell: git-provenance not found/);
  assert.match(viaNpx.stdout, /npm install -g git-provenance/);
  assert.not.match(viaNpx.stdout, /all good/);
});

test('hook files written by an earlier version (`sh …/git-provenance.sh HOOK`) are updated in place, once, and still record', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  repo.commit('base');
  assert.is(repo.cli(['install']).status, 0);
  const file = join(repo.dir, '.githooks', 'commit-msg');
  const earlier =
    '#!/bin/sh\n# git-provenance: records AI assistance (docs/CAPTURE.md); `git-provenance uninstall` removes it.\nsh "$' +
    '{0%/*}/git-provenance.sh" commit-msg "$@" || exit $?\n';
  writeFileSync(file, earlier);
  const again = repo.cli(['install']);
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stdout, /update the git-provenance line in \.githooks\/commit-msg/);
  const text = readFileSync(file, 'utf8');
  assert.is(text.split('git-provenance.sh').length - 1, 1, text);
  assert.match(text, /^set -- commit-msg "\$@"; \. /m);
  stageFile(repo, 'a.txt', 'a\n');
  const made = commit(repo, ['-q', '-m', 'feat: a'], RECORD);
  assert.is(made.status, 0, made.stderr);
  assert.is(note(repo)?.level, 'assisted');
});

test.run();
