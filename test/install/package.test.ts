// The published package, as a user gets it: `npm pack`, installed from the tarball into a
// scratch npm repository (dependencies from the registry cache), then `git-provenance install`
// from node_modules: the lockfile stays in step (`npm ci` passes), commits are recorded; and
// `uninstall` keeps it in step too.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TempRepo, cleanupTempDirs, run, tempDir } from '../helpers/repo.ts';
import { EXPLAIN, note, stageFile } from '../capture/helpers.ts';

test.after.each(() => cleanupTempDirs());

const NPM_TIMEOUT_MS = 300_000;

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd,
    env: { ...env, npm_config_cache: join(process.env.HOME ?? '', '.npm') },
    timeout: NPM_TIMEOUT_MS,
  });
}

test('packed tarball: carries LICENSE and no prepare step it cannot run; installed into an npm repository, install keeps npm ci working and commits are recorded', () => {
  const packDir = tempDir('gp-pack-');
  const packed = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir, ROOT], { cwd: packDir, timeout: NPM_TIMEOUT_MS });
  assert.is(packed.status, 0, packed.stderr);
  const tarball = join(packDir, packed.stdout.trim().split('\n').pop()!);
  const listing = run('tar', ['tzf', tarball]).stdout.split('\n');
  assert.ok(listing.includes('package/LICENSE'), 'LICENSE shipped');
  const manifest = JSON.parse(run('tar', ['xzOf', tarball, 'package/package.json']).stdout);
  for (const script of Object.values<string>(manifest.scripts ?? {}).filter((text) => /^node /.test(text))) {
    const file = /^node (\S+)/.exec(script)![1];
    if (manifest.scripts.prepare === script) assert.ok(listing.includes(`package/${file}`), `prepare runs ${file}, which is shipped`);
  }

  const repo = new TempRepo();
  delete repo.env.HUSKY;
  delete repo.env.CI;
  repo.write('package.json', `${JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }, null, 2)}\n`);
  repo.write('.gitignore', 'node_modules\n');
  const added = npm(['install', '--save-dev', tarball], repo.dir, repo.env);
  assert.is(added.status, 0, added.stderr);
  assert.ok(existsSync(join(repo.dir, 'package-lock.json')));

  const installed = run(join(repo.dir, 'node_modules', '.bin', 'git-provenance'), ['install'], { cwd: repo.dir, env: repo.env, timeout: NPM_TIMEOUT_MS });
  assert.is(installed.status, 0, installed.stderr);
  assert.match(installed.stdout, /npm install --save-dev husky@\^9\.1\.7 \(package\.json and package-lock\.json together\)/);
  assert.not.match(installed.stderr, /cannot run from a clean shell/);
  const lock = JSON.parse(readFileSync(join(repo.dir, 'package-lock.json'), 'utf8'));
  assert.ok(lock.packages['']?.devDependencies?.husky, 'husky is in the lockfile');

  const ci = npm(['ci'], repo.dir, repo.env);
  assert.is(ci.status, 0, `npm ci after install: ${ci.stderr}`);

  repo.git('add', '-A');
  stageFile(repo, 'a.txt', 'a\n');
  const made = run('git', ['commit', '-q', '-m', 'first'], {
    cwd: repo.dir,
    env: { ...repo.env, GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN },
    input: '',
  });
  assert.is(made.status, 0, made.stderr);
  assert.is(note(repo)?.level, 'assisted');
  const doctor = run(join(repo.dir, 'node_modules', '.bin', 'git-provenance'), ['doctor'], { cwd: repo.dir, env: repo.env });
  assert.is(doctor.status, 0, doctor.stdout);

  // Uninstall takes husky out of package.json and the lockfile together: npm ci still passes.
  const removed = run(join(repo.dir, 'node_modules', '.bin', 'git-provenance'), ['uninstall'], { cwd: repo.dir, env: repo.env, timeout: NPM_TIMEOUT_MS });
  assert.is(removed.status, 0, removed.stderr);
  assert.match(removed.stdout, /npm uninstall husky \(package\.json and package-lock\.json together\)/);
  const pkg = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
  assert.is(pkg.devDependencies?.husky, undefined);
  assert.ok(pkg.devDependencies?.['git-provenance'], 'what the user added stays');
  assert.is(pkg.scripts?.prepare, undefined, 'the prepare step install added is gone');
  const lockAfter = JSON.parse(readFileSync(join(repo.dir, 'package-lock.json'), 'utf8'));
  assert.is(lockAfter.packages['']?.devDependencies?.husky, undefined, 'husky is out of the lockfile');
  const ciAfter = npm(['ci'], repo.dir, repo.env);
  assert.is(ciAfter.status, 0, `npm ci after uninstall: ${ciAfter.stderr}`);
  assert.not.match(repo.git('config', '--local', '--list'), /^core\.hookspath=/m, 'hooks path unset');
});

test.run();
