// Hooks compile their bundle with a V8 code cache kept beside it (src/hooks-loader.ts). A cache
// is a speed-up only: a damaged one, or one made from another bundle, must never stop a commit
// or run code the bundle no longer has. Each test uses its own copy of the built package.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, cpSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cleanupTempDirs, tempDir } from '../helpers/repo.ts';
import { EXPLAIN, commit, installedRepo, note, stageFile } from './helpers.ts';

test.after.each(() => cleanupTempDirs());

/** A copy of bin/ and dist/ (node_modules linked), like a project's own install. */
function privateInstall(): { bin: string; hooksDir: string } {
  const dir = tempDir('gp-package-');
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.v8cache') });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { bin: join(dir, 'bin', 'git-provenance'), hooksDir: join(dir, 'dist', 'hooks') };
}

const cacheFiles = (hooksDir: string) => readdirSync(hooksDir).filter((name) => name.endsWith('.v8cache'));

test('the first hook leaves a code cache; a damaged one is refused and replaced, and the commit is recorded', () => {
  const { bin, hooksDir } = privateInstall();
  const repo = installedRepo();
  const env = { GIT_PROVENANCE_BIN: bin, GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN };
  stageFile(repo, 'a.txt', 'a\n');
  assert.is(commit(repo, ['-q', '-m', 'a'], env).status, 0);
  assert.is(note(repo)?.level, 'assisted');
  const [name] = cacheFiles(hooksDir);
  assert.ok(name, 'a cache beside the bundle');
  const cache = join(hooksDir, name);

  // Bytes flipped inside the data (the first line, which says what it was made from, intact):
  // V8 would deserialize them and crash.
  const damaged = Buffer.from(readFileSync(cache));
  for (let i = damaged.indexOf(10) + 200; i < damaged.length; i += 997) damaged[i] ^= 0x5a;
  writeFileSync(cache, damaged);
  stageFile(repo, 'b.txt', 'b\n');
  const made = commit(repo, ['-q', '-m', 'b'], env);
  assert.is(made.status, 0, made.stderr);
  assert.is(note(repo)?.level, 'assisted');
  assert.not.equal(readFileSync(cache), damaged, 'the damaged cache was replaced');
  assert.equal(cacheFiles(hooksDir), [name], 'no temporary file left');
});

test('a cache made from another bundle is not used: the hook runs the bundle as it is now', () => {
  const { bin, hooksDir } = privateInstall();
  const repo = installedRepo();
  const env = { GIT_PROVENANCE_BIN: bin, GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN };
  stageFile(repo, 'a.txt', 'a\n');
  assert.is(commit(repo, ['-q', '-m', 'a'], env).status, 0);
  assert.equal(cacheFiles(hooksDir).length, 1);
  // An upgrade: the bundle changes (here: one more statement at its end).
  appendFileSync(join(hooksDir, 'run.cjs'), '\nprocess.stderr.write("bundle after the upgrade\\n");\n');
  stageFile(repo, 'b.txt', 'b\n');
  const made = commit(repo, ['-q', '-m', 'b'], env);
  assert.is(made.status, 0, made.stderr);
  assert.match(made.stderr, /bundle after the upgrade/);
  assert.is(note(repo)?.level, 'assisted');
});

test.run();
