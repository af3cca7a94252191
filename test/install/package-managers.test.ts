// Package managers: install recognises the repository's own (lockfile, `packageManager`), never
// leaves its lockfile behind package.json, and names it to teammates. pnpm is not installed on the
// test machine: the check that matters for `pnpm install --frozen-lockfile` (package.json's
// dependencies unchanged unless the lockfile changed with them) is made on the files.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo, cleanupTempDirs, run } from '../helpers/repo.ts';
import { captureEnv } from '../capture/helpers.ts';

test.after.each(() => cleanupTempDirs());

const PNPM_LOCK = "lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n";

function pnpmRepo(): TempRepo {
  const repo = new TempRepo();
  captureEnv(repo);
  repo.write(
    'package.json',
    `${JSON.stringify({ name: 'mono', private: true, packageManager: 'pnpm@10.0.0', scripts: { preinstall: 'npx only-allow pnpm' } }, null, 2)}\n`,
  );
  repo.write('pnpm-lock.yaml', PNPM_LOCK);
  return repo;
}

/** PATH without pnpm (it is not installed here; make sure of it). */
function withoutPnpm(repo: TempRepo): NodeJS.ProcessEnv {
  const path = repo.env.PATH!.split(':').filter((dir) => run('sh', ['-c', `test -x '${dir}/pnpm'`]).status !== 0);
  return { PATH: path.join(':') };
}

test('pnpm repository without pnpm installed: install changes nothing and prints the exact pnpm command', () => {
  const repo = pnpmRepo();
  const before = readFileSync(join(repo.dir, 'package.json'), 'utf8');
  const result = repo.cli(['install'], { env: withoutPnpm(repo) });
  assert.is(result.status, 2, result.stdout);
  assert.match(result.stderr, /pnpm is not installed here, so pnpm-lock\.yaml cannot be updated/);
  assert.match(result.stderr, /pnpm add --save-dev git-provenance@\^\d+\.\d+\.\d+ husky@\^9\.1\.7/);
  assert.is(readFileSync(join(repo.dir, 'package.json'), 'utf8'), before, 'package.json still matches pnpm-lock.yaml');
  assert.is(readFileSync(join(repo.dir, 'pnpm-lock.yaml'), 'utf8'), PNPM_LOCK);
  assert.is(repo.gitResult(['config', 'core.hooksPath']).status, 1, 'no hook set up half-way');
});

test('--no-package-json: package.json and the lockfile untouched; teammates are told in pnpm terms', () => {
  const repo = pnpmRepo();
  const before = readFileSync(join(repo.dir, 'package.json'), 'utf8');
  const result = repo.cli(['install', '--no-package-json'], { env: withoutPnpm(repo) });
  assert.is(result.status, 0, result.stderr);
  assert.is(readFileSync(join(repo.dir, 'package.json'), 'utf8'), before);
  assert.match(result.stderr, /package\.json left as it is \(--no-package-json\).*`pnpm add --save-dev git-provenance husky`/);
  assert.match(result.stdout, /each teammate then runs: pnpm install/);
});

test('yarn and bun are recognised by their lockfiles, npm without one', () => {
  for (const [lockfile, manager] of [
    ['yarn.lock', 'yarn'],
    ['bun.lock', 'bun'],
  ] as const) {
    const repo = new TempRepo();
    captureEnv(repo);
    repo.write('package.json', '{ "name": "app" }\n');
    repo.write(lockfile, '');
    const dry = repo.cli(['install', '--dry-run']);
    assert.is(dry.status, 0, dry.stderr);
    assert.match(
      dry.stdout,
      new RegExp(`would: ${manager} add --dev git-provenance@\\S+ husky@\\S+ \\(package\\.json and ${lockfile.replace('.', '\\.')} together\\)`),
    );
  }
  const plain = new TempRepo();
  captureEnv(plain);
  plain.write('package.json', '{ "name": "app" }\n');
  const dry = plain.cli(['install', '--dry-run']);
  assert.match(
    dry.stdout,
    /package\.json: devDependencies\.git-provenance, devDependencies\.husky, scripts\.prepare = "git-provenance install --prepare" \(teammates get the hooks and the notes config with npm install\)/,
  );
});

test('Yarn 2+ (declared, or configured by .yarnrc.yml) runs postinstall, never prepare: the set-up step goes there, and uninstall takes it back', () => {
  const declared = new TempRepo();
  captureEnv(declared);
  declared.write(
    'package.json',
    `${JSON.stringify({ name: 'app', private: true, packageManager: 'yarn@4.5.1', scripts: { postinstall: 'patch-package' } }, null, 2)}\n`,
  );
  const installed = declared.cli(['install']);
  assert.is(installed.status, 0, installed.stderr);
  assert.match(
    installed.stdout,
    /scripts\.postinstall = "patch-package && git-provenance install --prepare" \(teammates get the hooks and the notes config with yarn install\)/,
  );
  assert.not.match(installed.stderr, /published/, 'a private package is not published');
  let pkg = JSON.parse(readFileSync(join(declared.dir, 'package.json'), 'utf8'));
  assert.is(pkg.scripts.postinstall, 'patch-package && git-provenance install --prepare');
  assert.is(pkg.scripts.prepare, undefined);
  const removed = declared.cli(['uninstall']);
  assert.is(removed.status, 0, removed.stderr);
  pkg = JSON.parse(readFileSync(join(declared.dir, 'package.json'), 'utf8'));
  assert.equal(pkg.scripts, { postinstall: 'patch-package' });

  // Yarn 1 keeps prepare; a .yarnrc.yml means Yarn 2+ even without the field.
  for (const [files, script] of [
    [{ 'yarn.lock': '', '.yarnrc': '' }, 'prepare'],
    [{ '.yarnrc.yml': 'nodeLinker: node-modules\n' }, 'postinstall'],
  ] as const) {
    const repo = new TempRepo();
    captureEnv(repo);
    repo.write('package.json', '{ "name": "lib" }\n');
    for (const [file, text] of Object.entries(files)) repo.write(file, text);
    const dry = repo.cli(['install', '--dry-run', '--no-package-json']);
    assert.is(dry.status, 0, dry.stderr);
    assert.match(dry.stderr, new RegExp(`"${script}": "git-provenance install --prepare"`), JSON.stringify(files));
  }
  const published = new TempRepo();
  captureEnv(published);
  published.write('package.json', '{ "name": "lib" }\n');
  published.write('.yarnrc.yml', 'nodeLinker: node-modules\n');
  const dry = published.cli(['install', '--dry-run']);
  assert.match(dry.stderr, /if this package is published, its users would run it too/);
});

test.run();
