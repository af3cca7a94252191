// Bad input a user can give the CLI: each gets one line naming the thing and a documented exit
// code (README, "Exit codes"), never a stack trace or an "internal error".

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanupTempDirs, run, TempRepo } from './helpers/repo.ts';

const QA = suite('bad input');
QA.after(cleanupTempDirs);

/** One line on stderr, no stack trace, no "internal error". */
function assertOneLine(stderr: string, what: string): void {
  assert.not.match(stderr, /internal error/, `${what}: ${stderr}`);
  assert.not.match(stderr, /\n\s+at /, `${what}: ${stderr}`);
  assert.is(stderr.trim().split('\n').length, 1, `${what}: ${stderr}`);
}

QA('a tree or blob id given to check is an unknown revision (exit 2), not an empty ok', () => {
  const repo = new TempRepo();
  repo.commit('One', { 'a.txt': 'a\n' });
  for (const rev of [repo.git('rev-parse', 'HEAD^{tree}').trim(), repo.git('rev-parse', 'HEAD:a.txt').trim()]) {
    for (const range of [rev, `HEAD..${rev}`, `${rev}..HEAD`]) {
      const result = repo.cli(['check', range]);
      assert.is(result.status, 2, `check ${range}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /unknown revision/);
      assertOneLine(result.stderr, `check ${range}`);
    }
  }
});

QA('an option given without its value is a usage error (exit 2)', () => {
  const repo = new TempRepo();
  repo.commit('One', { 'a.txt': 'a\n' });
  for (const args of [
    ['record', '--level'],
    ['show', '-C'],
    ['report', '--since'],
  ]) {
    const result = repo.cli(args);
    assert.is(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assertOneLine(result.stderr, args.join(' '));
  }
});

QA('an invalid choice is reported on one line', () => {
  const repo = new TempRepo();
  repo.commit('One', { 'a.txt': 'a\n' });
  const result = repo.cli(['report', '--format', 'xml']);
  assert.is(result.status, 2);
  assert.match(result.stderr, /xml/);
  assertOneLine(result.stderr, 'report --format xml');
});

QA('-C with a folder that does not exist is a usage error (exit 2)', () => {
  const repo = new TempRepo();
  repo.commit('One', { 'a.txt': 'a\n' });
  const missing = join(repo.dir, 'no-such-folder');
  const result = repo.cli(['-C', missing, 'show']);
  assert.is(result.status, 2, result.stderr);
  assert.ok(result.stderr.includes(missing), result.stderr);
  assertOneLine(result.stderr, '-C missing');
  const file = repo.cli(['-C', join(repo.dir, 'a.txt'), 'show']);
  assert.is(file.status, 2, file.stderr);
  assertOneLine(file.stderr, '-C file');
});

QA('output piped into a reader that stops early ends quietly (no EPIPE stack trace)', () => {
  const repo = new TempRepo();
  repo.commit('One', { 'a.txt': 'a\n' });
  // `true` exits before node starts, so every write finds the pipe closed.
  const result = run('sh', ['-c', `"${process.execPath}" "${BIN}" show 2>"${join(repo.home, 'err')}" | true; cat "${join(repo.home, 'err')}"`], {
    cwd: repo.dir,
    env: repo.env,
  });
  assert.is(result.stdout, '', result.stdout);
});

QA('report -o to a path that cannot be written is one line and exit 2', () => {
  const repo = new TempRepo();
  repo.commit('One', { 'a.txt': 'a\n' });
  for (const target of [join(repo.dir, 'missing', 'r.json'), repo.dir]) {
    const result = repo.cli(['report', '--format', 'json', '-o', target]);
    assert.is(result.status, 2, `${target}: ${result.stderr}`);
    assert.ok(result.stderr.includes(target), result.stderr);
    assertOneLine(result.stderr, `-o ${target}`);
  }
});

QA('.provenance.yml that is a folder is a config error (exit 2)', () => {
  const repo = new TempRepo();
  repo.commit('One', { 'a.txt': 'a\n' });
  mkdirSync(join(repo.dir, '.provenance.yml'));
  const result = repo.cli(['config']);
  assert.is(result.status, 2, result.stderr);
  assert.match(result.stderr, /\.provenance\.yml/);
  assertOneLine(result.stderr, 'config folder');
});

QA('show and zones print paths with control characters escaped', () => {
  const repo = new TempRepo();
  const evil = 'evil\u001b]0;pwned\u0007name.txt';
  repo.commit('One', { [evil]: 'a\n' });
  assert.is(repo.cli(['record', '--level', 'none']).status, 0);
  for (const args of [['show'], ['zones'], ['zones', '--', evil]]) {
    const result = repo.cli(args);
    assert.is(result.status, 0, result.stderr);
    assert.not.ok(result.stdout.includes('\u001b'), `${args.join(' ')}: ${JSON.stringify(result.stdout)}`);
    assert.ok(result.stdout.includes(JSON.stringify(evil)), `${args.join(' ')}: ${JSON.stringify(result.stdout)}`);
  }
});

QA('report table and markdown print service names with control characters escaped', () => {
  const repo = new TempRepo();
  const evil = 'svc\u001b]0;pwned\u0007';
  repo.commit('One', { [`${evil}/a.txt`]: 'a\n', 'api/a.txt': 'a\n' });
  for (const format of ['table', 'markdown']) {
    const result = repo.cli(['report', '--format', format, '--no-cache']);
    assert.is(result.status, 0, result.stderr);
    assert.not.ok(result.stdout.includes('\u001b'), `${format}: ${JSON.stringify(result.stdout)}`);
  }
});

QA.run();
