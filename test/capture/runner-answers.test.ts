// The hook runner asks commit-msg's git questions itself before starting node (a git started from
// the shell costs a fraction of one started from node). What must hold: the note and the zone
// gate come out the same as when node asks, and no answer file is left in the git directory,
// whether the commit is made, refused, or an earlier run left files behind.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs } from '../helpers/repo.ts';
import { EXPLAIN, commit, installedRepo, note, stageFile } from './helpers.ts';

test.after.each(() => cleanupTempDirs());

const answerFiles = (gitDir: string) => readdirSync(gitDir).filter((name) => name.startsWith('provenance-answers.'));
const ZONES = 'zones:\n  - name: payments\n    paths: ["libs/payments/**"]\n    allow: [none]\n';

test('a commit through the runner: the note counts the staged lines; no answer file is left', () => {
  const repo = installedRepo();
  repo.write('.provenance.yml', ZONES);
  repo.git('add', '-A');
  repo.commit('base');
  stageFile(repo, 'src/a.ts', 'one\ntwo\nthree\n');
  stageFile(repo, 'docs/b.md', 'x\n');
  const made = commit(repo, ['-q', '-m', 'feat: parser'], { GIT_PROVENANCE_LEVEL: 'assisted', GIT_PROVENANCE_EXPLAIN: EXPLAIN });
  assert.is(made.status, 0, made.stderr);
  const files = note(repo).files.map((file: { path: string; added: number }) => [file.path, file.added]);
  assert.equal(files.sort(), [
    ['docs/b.md', 1],
    ['src/a.ts', 3],
  ]);
  assert.equal(answerFiles(join(repo.dir, '.git')), []);
});

test('the first commit (no HEAD yet) still gets its counts', () => {
  const repo = installedRepo();
  stageFile(repo, 'a.txt', 'a\nb\n');
  const made = commit(repo, ['-q', '-m', 'first'], { GIT_PROVENANCE_LEVEL: 'generated', GIT_PROVENANCE_EXPLAIN: EXPLAIN });
  assert.is(made.status, 0, made.stderr);
  const entry = note(repo).files.find((file: { path: string }) => file.path === 'a.txt');
  assert.is(entry?.added, 2);
  assert.equal(answerFiles(join(repo.dir, '.git')), []);
});

test('a refused commit leaves no answer file; files an earlier run left behind are swept', () => {
  const repo = installedRepo();
  repo.write('.provenance.yml', ZONES);
  repo.git('add', '-A');
  repo.commit('base');
  const gitDir = join(repo.dir, '.git');
  writeFileSync(join(gitDir, 'provenance-answers.999999.tree'), 'stale');
  writeFileSync(join(gitDir, 'provenance-answers.999999.tree.status'), '0\n');
  stageFile(repo, 'libs/payments/pay.ts', 'x\n');
  const refused = commit(repo, ['-q', '-m', 'feat: pay'], { GIT_PROVENANCE_LEVEL: 'generated', GIT_PROVENANCE_EXPLAIN: EXPLAIN });
  assert.is(refused.status, 1, refused.stdout);
  assert.match(refused.stderr, /payments/);
  assert.equal(answerFiles(gitDir), []);
});

test('an answer file naming another process is not used: node asks git itself', () => {
  const repo = installedRepo();
  repo.write('.provenance.yml', ZONES);
  repo.git('add', '-A');
  repo.commit('base');
  stageFile(repo, 'libs/payments/pay.ts', 'x\n');
  // A forged answer saying nothing is staged, under a variable that does not name this process.
  const gitDir = join(repo.dir, '.git');
  writeFileSync(join(gitDir, 'provenance-answers.1.names'), '');
  writeFileSync(join(gitDir, 'provenance-answers.1.names.status'), '0\n');
  const refused = commit(repo, ['-q', '-m', 'feat: pay'], {
    GIT_PROVENANCE_LEVEL: 'generated',
    GIT_PROVENANCE_EXPLAIN: EXPLAIN,
    GIT_PROVENANCE_ANSWERS: join(gitDir, 'provenance-answers.1'),
  });
  assert.is(refused.status, 1, 'the gate saw the staged file');
  assert.equal(answerFiles(gitDir), []);
});

test.run();
